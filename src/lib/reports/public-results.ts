import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { indicatorsByWard, type IndicatorByWard } from "./indicator-by-ward";
import { listPublishedIndicators } from "./published-indicators";
import { readReportRequest } from "./report-request";

/**
 * What the public may see: the published indicators over the latest four quarters (pooled so
 * that more wards reach a publishable base), suppressed exactly as for CSP members.
 */
export async function publicResults(db: Kysely<Database>): Promise<IndicatorByWard[]> {
  const request = await readReportRequest(db, new URLSearchParams({ pooling: "rolling_year" }), { canSeeSuppressed: false });
  if (!request.ok) return [];
  return indicatorsByWard(db, await listPublishedIndicators(db), request.value.windows, request.value.options);
}
