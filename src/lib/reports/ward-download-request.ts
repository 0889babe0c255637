import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { findCurrentWard, type CurrentWard } from "~/lib/geography/current-wards";
import { err, ok, type Result } from "~/lib/result";
import { readDownloadRequest } from "./download-request";
import type { ReportRequest } from "./report-request";
import { wardTrends, type WardTrends } from "./ward-trends";

export type WardDownloadRequest = { request: ReportRequest; ward: CurrentWard; trends: WardTrends };

/**
 * What a ward page's downloads are built from: its filters, the ward in force on the report's
 * date, and its trends, as the page reads them; or the response that refuses a bad filter (400)
 * or a ward that is not there (404).
 */
export async function readWardDownloadRequest(db: Kysely<Database>, wardCode: string, query: URLSearchParams, user: SessionUser): Promise<Result<WardDownloadRequest, Response>> {
  const request = await readDownloadRequest(db, query, user);
  if (!request.ok) return request;
  const ward = await findCurrentWard(db, wardCode, request.value.options.onDate);
  const trends = ward === null ? null : await wardTrends(db, ward.id, request.value);
  if (ward === null || trends === null) return err(Response.json({ error: { code: "not_found", message: "There is no such ward." } }, { status: 404 }));
  return ok({ request: request.value, ward, trends });
}
