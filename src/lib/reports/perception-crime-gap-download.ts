import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { readDownloadRequest } from "./download-request";
import { perceptionCrimeGap } from "./perception-crime-gap";
import { perceptionCrimeGapTable } from "./perception-crime-gap-table";
import { tableDownload, type TableFormat } from "./table-download";

/** The "Worry and recorded crime" table as a file to download, under the same filters as its page. */
export async function perceptionCrimeGapDownload(db: Kysely<Database>, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const request = await readDownloadRequest(db, query, user);
  if (!request.ok) return request.error;
  const gap = await perceptionCrimeGap(db, request.value);
  return tableDownload(perceptionCrimeGapTable(gap), ["perception-and-crime", gap.windowLabel], format);
}
