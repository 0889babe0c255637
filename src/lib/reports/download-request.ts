import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { readReportRequest, type ReportRequest } from "./report-request";

/**
 * A download's filters, read as its page reads them for this user (administrators see
 * suppressed figures, marked); or the 400 response that names the filter that is wrong.
 */
export async function readDownloadRequest(db: Kysely<Database>, query: URLSearchParams, user: SessionUser): Promise<Result<ReportRequest, Response>> {
  const request = await readReportRequest(db, query, { canSeeSuppressed: user.role === "administrator" });
  return request.ok ? ok(request.value) : err(Response.json({ error: { code: "bad_filter", message: request.error } }, { status: 400 }));
}
