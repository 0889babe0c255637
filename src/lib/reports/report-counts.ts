import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { CurrentWard } from "~/lib/geography/current-wards";
import { readWardPopulations } from "~/lib/geography/population/ward-populations";
import { countIndicatorsByClass, type CountFilter } from "./indicator-counts";
import type { IndicatorDefinition } from "./indicator-definition";
import { readSuppressionPlans } from "./read-suppression-plans";
import type { Wording } from "./suppression-plan";
import { reportWeighting, type ReportWeighting } from "./report-weighting";
import type { ReportingWindow } from "./reporting-windows";
import type { WindowCells } from "./window-cells";
import { listWeightingClasses } from "./weighting-classes";

export type ReportCounts = {
  /** An indicator's cells over a window, with the one suppression decision every report shares. */
  cellsOf: (indicatorId: number, window: ReportingWindow) => WindowCells;
  weighting: ReportWeighting | null;
};

/**
 * The cells a report is built on, from the indicators' suppression plans (read-suppression-plans.ts),
 * and when the report is weighted the weighting that goes with them, counted for the report's
 * own periods. `filter.comparability` is one of the two wordings a reader can choose.
 */
export async function countForReport(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], filter: CountFilter, wards: readonly CurrentWard[], options: { isWeighted?: boolean; confidence: number; threshold: number }): Promise<ReportCounts> {
  const wording = wordingOf(filter);
  const plans = await readSuppressionPlans(db, wards, options.threshold);
  const cellsOf = (indicatorId: number, window: ReportingWindow) => {
    const plan = plans.get(indicatorId);
    if (plan === undefined) throw new Error(`countForReport: indicator ${indicatorId} is not in the question bank's indicators`);
    return plan.cells(window, wording);
  };
  if (!options.isWeighted) return { cellsOf, weighting: null };
  const classes = await listWeightingClasses(db);
  if (classes === null) {
    const reason = { isWeighted: false as const, reason: "the question bank has no age band and sex questions to weight by" };
    return { cellsOf, weighting: { ward: () => reason, area: () => reason } };
  }
  const [byClass, populations] = await Promise.all([countIndicatorsByClass(db, indicators, filter, classes), readWardPopulations(db)]);
  return { cellsOf, weighting: reportWeighting({ ...byClass, populations }, wards, options.confidence) };
}

/**
 * A report counts residents' web survey alone, or every source (or partners alone) counting
 * "same" answers only, or "same" and "equivalent" ones: the choices a reader has
 * (report-request.ts). The web survey's figure counts its "same" answers, which are all it has,
 * whichever grades are chosen.
 */
export function wordingOf(filter: Pick<CountFilter, "comparability" | "sources">): Wording {
  if (filter.sources === "web") return "own";
  const grades = [...filter.comparability].sort().join(",");
  const partners = filter.sources === "partners";
  if (grades === "same") return partners ? "partnersNarrow" : "narrow";
  if (grades === "equivalent,same") return partners ? "partnersWide" : "wide";
  throw new RangeError(`countForReport: a report counts "same" answers, or "same" and "equivalent" ones, not ${grades || "none"}`);
}
