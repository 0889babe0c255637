import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { readDownloadRequest } from "./download-request";
import { indicatorByWard } from "./indicator-by-ward";
import { listIndicatorDefinitions } from "./indicator-definition";
import { indicatorTable } from "./indicator-table";
import { tableDownload, type TableFormat } from "./table-download";

/** An indicator's ward table as a file to download, under the same filters and suppression as its page. */
export async function indicatorDownload(db: Kysely<Database>, key: string, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === key);
  if (!indicator) return Response.json({ error: { code: "not_found", message: "There is no such indicator." } }, { status: 404 });
  const request = await readDownloadRequest(db, query, user);
  if (!request.ok) return request.error;
  const report = await indicatorByWard(db, indicator, request.value.windows, request.value.options);
  return tableDownload({ title: indicator.title, rows: indicatorTable(report) }, [indicator.key, request.value.windows.current.label], format);
}
