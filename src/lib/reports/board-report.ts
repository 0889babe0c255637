import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { CurrentWard } from "~/lib/geography/current-wards";
import type { IndicatorDefinition } from "./indicator-definition";
import type { ReportedFigure } from "./indicator-by-ward";
import { overview, type Overview } from "./overview";
import type { ReportRequest } from "./report-request";

export type WardSection = { ward: CurrentWard; figures: { indicator: IndicatorDefinition; figure: ReportedFigure }[] };
export type BoardReport = Overview & { wards: WardSection[] };

/**
 * A period's board report: the overview (area figures, changes held to the false discovery rate)
 * and, for each ward, every indicator. The ward sections are the overview's own figures turned
 * round, so the report cannot disagree with the screens, suppression included.
 */
export async function boardReport(db: Kysely<Database>, request: ReportRequest): Promise<BoardReport> {
  const result = await overview(db, request);
  const wards = result.reports[0]?.wards.map((w) => w.ward) ?? [];
  return {
    ...result,
    wards: wards.map((ward, i) => ({ ward, figures: result.reports.map((report) => ({ indicator: report.indicator, figure: report.wards[i]! })) })),
  };
}
