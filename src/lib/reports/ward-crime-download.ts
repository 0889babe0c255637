import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { crimeBesidePerception } from "./crime-beside-perception";
import { crimeBesidePerceptionTable } from "./crime-beside-perception-table";
import { tableDownload, type TableFormat } from "./table-download";
import { readWardDownloadRequest } from "./ward-download-request";

/** A ward's "recorded crime beside perception" table as a file, under the same filters and suppression as the ward page. */
export async function wardCrimeDownload(db: Kysely<Database>, wardCode: string, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const read = await readWardDownloadRequest(db, wardCode, query, user);
  if (!read.ok) return read.error;
  const { request, ward, trends } = read.value;
  const crime = await crimeBesidePerception(db, ward.id, trends);
  return tableDownload(crimeBesidePerceptionTable({ kind: "ward", name: ward.name, gssCode: ward.gssCode }, crime, request.isWeighted), [ward.gssCode, "recorded-crime", request.windows.current.label], format);
}
