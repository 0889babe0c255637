import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { DifferenceInterval } from "~/lib/stats/newcombe-difference";
import { indicatorsByWard, type IndicatorByWard } from "./indicator-by-ward";
import { listIndicatorDefinitions } from "./indicator-definition";
import type { ReportRequest } from "./report-request";

export type WardChange = { wardCode: string; wardName: string; indicatorKey: string; indicatorTitle: string; change: DifferenceInterval };
export type Overview = { reports: IndicatorByWard[]; realChanges: WardChange[] };

/** Every indicator for the area, and the wards whose change is real, largest first. */
export async function overview(db: Kysely<Database>, request: ReportRequest): Promise<Overview> {
  // Standard indicators first, then the CSP's own (local questions), each marked on the page.
  const indicators = (await listIndicatorDefinitions(db)).sort((a, b) => Number(b.isNational) - Number(a.isNational));
  const reports = await indicatorsByWard(db, indicators, request.windows, request.options);
  const realChanges = reports
    .flatMap((report) =>
      report.wards
        .filter((w) => w.change?.isSignificant)
        .map((w) => ({ wardCode: w.ward.gssCode, wardName: w.ward.name, indicatorKey: report.indicator.key, indicatorTitle: report.indicator.title, change: w.change! })),
    )
    .sort((a, b) => Math.abs(b.change.difference) - Math.abs(a.change.difference));
  return { reports, realChanges };
}
