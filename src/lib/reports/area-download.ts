import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { areaTable } from "./indicator-table";
import { overview } from "./overview";
import { readReportRequest } from "./report-request";
import { tableDownload, type TableFormat } from "./table-download";

/** The overview's table of every indicator for the whole area as a file, under the same filters and suppression as the page. */
export async function areaDownload(db: Kysely<Database>, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const request = await readReportRequest(db, query, { canSeeSuppressed: user.role === "administrator" });
  if (!request.ok) return Response.json({ error: { code: "bad_filter", message: request.error } }, { status: 400 });
  const { reports } = await overview(db, request.value);
  return tableDownload({ title: "The whole area", rows: areaTable(reports) }, ["area", "indicators", request.value.windows.current.label], format);
}
