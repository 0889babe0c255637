import type { APIRoute } from "astro";
import type { RouteAccess } from "~/lib/auth/roles";
import { checkHealth } from "~/lib/health/check-health";

export const access = { public: true } satisfies RouteAccess;

export const GET: APIRoute = async () => {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
};
