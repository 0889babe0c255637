import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { readDownloadRequest } from "./download-request";
import { responseSources } from "./response-sources";
import { responseSourcesTable } from "./response-sources-table";
import { tableDownload, type TableFormat } from "./table-download";

/** The sources page's table as a file, under the same filters and suppression as the page. */
export async function responseSourcesDownload(db: Kysely<Database>, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const request = await readDownloadRequest(db, query, user);
  if (!request.ok) return request.error;
  const table = await responseSources(db, request.value);
  return tableDownload({ title: "Responses by source", rows: responseSourcesTable(table) }, ["sources", request.value.windows.current.label], format);
}
