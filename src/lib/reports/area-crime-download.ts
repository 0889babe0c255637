import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { localAreasInForce } from "~/lib/geography/local-areas-in-force";
import { readDownloadRequest } from "./download-request";
import { areaCrimeBesidePerception } from "./area-crime-beside-perception";
import { crimeBesidePerceptionTable } from "./crime-beside-perception-table";
import { tableDownload, type TableFormat } from "./table-download";

/** The overview's "recorded crime beside perception" table for the whole area as a file, under the same filters and suppression as the page. */
export async function areaCrimeDownload(db: Kysely<Database>, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const request = await readDownloadRequest(db, query, user);
  if (!request.ok) return request.error;
  const crime = await areaCrimeBesidePerception(db, request.value);
  // An area of more than one local authority is named and coded as all of them.
  const periods = request.value.windows.current.periods;
  const areas = await localAreasInForce(db, periods[0]!.startsOn, periods.at(-1)!.startsOn);
  const place = { kind: "area" as const, name: areas.map((a) => a.name).join(" and ") || "The whole area", gssCode: areas.map((a) => a.gssCode).join(" ") };
  return tableDownload(crimeBesidePerceptionTable(place, crime, request.value.isWeighted), ["area", "recorded-crime", request.value.windows.current.label], format);
}
