import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { readReportRequest, type ReportRequest } from "./report-request";

/**
 * A download's filters, read as its page reads them for this user (administrators see
 * suppressed figures, marked); or, for a filter that is wrong, a redirect to the page that says
 * which (a person clicked a link, and should get a page, not a file or JSON).
 */
export async function readDownloadRequest(db: Kysely<Database>, query: URLSearchParams, user: SessionUser): Promise<Result<ReportRequest, Response>> {
  const request = await readReportRequest(db, query, { canSeeSuppressed: user.role === "administrator" });
  return request.ok ? ok(request.value) : err(new Response(null, { status: 303, headers: { Location: `/reports/download-problem?${query}` } }));
}
