import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { readDownloadRequest } from "./download-request";
import { areaTable } from "./indicator-table";
import { overview } from "./overview";
import { tableDownload, type TableFormat } from "./table-download";

/** The overview's table of every indicator for the whole area as a file, under the same filters and suppression as the page. */
export async function areaDownload(db: Kysely<Database>, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const request = await readDownloadRequest(db, query, user);
  if (!request.ok) return request.error;
  const { reports } = await overview(db, request.value);
  return tableDownload({ title: "The whole area", rows: areaTable(reports) }, ["area", "indicators", request.value.windows.current.label], format);
}
