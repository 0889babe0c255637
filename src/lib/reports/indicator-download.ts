import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { indicatorByWard } from "./indicator-by-ward";
import { indicatorCsv } from "./indicator-csv";
import { listIndicatorDefinitions } from "./indicator-definition";
import { indicatorXlsx } from "./indicator-xlsx";
import { readReportRequest } from "./report-request";

const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", write: indicatorCsv },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write: indicatorXlsx },
} as const;

/** An indicator's ward table as a file to download, under the same filters and suppression as its page. */
export async function indicatorDownload(db: Kysely<Database>, key: string, query: URLSearchParams, user: SessionUser, format: keyof typeof FORMATS): Promise<Response> {
  const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === key);
  if (!indicator) return Response.json({ error: { code: "not_found", message: "There is no such indicator." } }, { status: 404 });
  const request = await readReportRequest(db, query, { canSeeSuppressed: user.role === "administrator" });
  if (!request.ok) return Response.json({ error: { code: "bad_filter", message: request.error } }, { status: 400 });
  const report = await indicatorByWard(db, indicator, request.value.windows, request.value.options);
  const file = `${indicator.key}-${request.value.windows.current.label.replace(/[^A-Za-z0-9]+/g, "-")}.${format}`;
  const { type, write } = FORMATS[format];
  const body = write(report);
  // A copy into an ArrayBuffer of its own: the writer may return a Node Buffer that is a view
  // into a larger shared pool, whose .buffer would send the pool's other bytes too.
  return new Response(typeof body === "string" ? body : Uint8Array.from(body).buffer, {
    headers: { "Content-Type": type, "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "no-store" },
  });
}
