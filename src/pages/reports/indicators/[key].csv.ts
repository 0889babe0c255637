import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { indicatorByWard } from "~/lib/reports/indicator-by-ward";
import { indicatorCsv } from "~/lib/reports/indicator-csv";
import { listIndicatorDefinitions } from "~/lib/reports/indicator-definition";
import { REPORT_READERS } from "~/lib/reports/readers";
import { readReportRequest } from "~/lib/reports/report-request";

export const access = REPORT_READERS;

export const GET: APIRoute = async ({ params, url, locals }) => {
  const db = await getDb();
  const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === params.key);
  if (!indicator) return Response.json({ error: { code: "not_found", message: "There is no such indicator." } }, { status: 404 });
  const request = await readReportRequest(db, url.searchParams, { canSeeSuppressed: locals.user!.role === "administrator" });
  if (!request.ok) return Response.json({ error: { code: "bad_filter", message: request.error } }, { status: 400 });
  const report = await indicatorByWard(db, indicator, request.value.windows, request.value.options);
  const file = `${indicator.key}-${request.value.windows.current.label.replace(/[^A-Za-z0-9]+/g, "-")}.csv`;
  return new Response(indicatorCsv(report), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "no-store" },
  });
};
