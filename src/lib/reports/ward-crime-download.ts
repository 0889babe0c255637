import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { findCurrentWard } from "~/lib/geography/current-wards";
import { crimeBesidePerception } from "./crime-beside-perception";
import { crimeBesidePerceptionTable } from "./crime-beside-perception-table";
import { readReportRequest } from "./report-request";
import { tableDownload, type TableFormat } from "./table-download";
import { wardTrends } from "./ward-trends";

/** A ward's "recorded crime beside perception" table as a file, under the same filters and suppression as the ward page. */
export async function wardCrimeDownload(db: Kysely<Database>, wardCode: string, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const request = await readReportRequest(db, query, { canSeeSuppressed: user.role === "administrator" });
  if (!request.ok) return Response.json({ error: { code: "bad_filter", message: request.error } }, { status: 400 });
  const ward = await findCurrentWard(db, wardCode, request.value.options.onDate);
  const trends = ward === null ? null : await wardTrends(db, ward.id, request.value);
  if (ward === null || trends === null) return Response.json({ error: { code: "not_found", message: "There is no such ward." } }, { status: 404 });
  const crime = await crimeBesidePerception(db, ward.id, trends);
  return tableDownload(crimeBesidePerceptionTable({ kind: "ward", name: ward.name, gssCode: ward.gssCode }, crime, request.value.isWeighted), [ward.gssCode, "recorded-crime", request.value.windows.current.label], format);
}
