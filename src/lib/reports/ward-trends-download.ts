import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { tableDownload, type TableFormat } from "./table-download";
import { readWardDownloadRequest } from "./ward-download-request";
import { wardTrendsTable } from "./ward-trends-table";

/** A ward's trend tables as a file, under the same filters, trend span and suppression as the ward page. */
export async function wardTrendsDownload(db: Kysely<Database>, wardCode: string, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const read = await readWardDownloadRequest(db, wardCode, query, user);
  if (!read.ok) return read.error;
  const { request, ward, trends } = read.value;
  return tableDownload({ title: `${ward.name} trends`, rows: wardTrendsTable(ward, trends, request.isWeighted) }, [ward.gssCode, "trends", request.windows.current.label], format);
}
