import type { APIRoute } from "astro";
import { checkHealth } from "~/lib/health/check-health";

export const GET: APIRoute = async () => {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
};
