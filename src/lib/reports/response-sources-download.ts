import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { readReportRequest } from "./report-request";
import { responseSources } from "./response-sources";
import { responseSourcesTable } from "./response-sources-table";
import { tableDownload, type TableFormat } from "./table-download";

/** The sources page's table as a file, under the same filters and suppression as the page. */
export async function responseSourcesDownload(db: Kysely<Database>, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const request = await readReportRequest(db, query, { canSeeSuppressed: user.role === "administrator" });
  if (!request.ok) return Response.json({ error: { code: "bad_filter", message: request.error } }, { status: 400 });
  const table = await responseSources(db, request.value);
  return tableDownload({ title: "Responses by source", rows: responseSourcesTable(table) }, ["sources", request.value.windows.current.label], format);
}
