import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { perceptionCrimeGap } from "./perception-crime-gap";
import { perceptionCrimeGapTable } from "./perception-crime-gap-table";
import { readReportRequest } from "./report-request";
import { tableDownload, type TableFormat } from "./table-download";

/** The "Worry and recorded crime" table as a file to download, under the same filters as its page. */
export async function perceptionCrimeGapDownload(db: Kysely<Database>, query: URLSearchParams, user: SessionUser, format: TableFormat): Promise<Response> {
  const request = await readReportRequest(db, query, { canSeeSuppressed: user.role === "administrator" });
  if (!request.ok) return Response.json({ error: { code: "bad_filter", message: request.error } }, { status: 400 });
  const gap = await perceptionCrimeGap(db, request.value);
  return tableDownload(perceptionCrimeGapTable(gap), ["perception-and-crime", gap.windowLabel], format);
}
