import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { CurrentWard } from "~/lib/geography/current-wards";
import { readWardPopulations } from "~/lib/geography/population/ward-populations";
import { countIndicators, countIndicatorsByClass, type CountFilter, type IndicatorCount } from "./indicator-counts";
import type { IndicatorDefinition } from "./indicator-definition";
import { reportWeighting, type ReportWeighting } from "./report-weighting";
import { listWeightingClasses } from "./weighting-classes";

export type ReportCounts = { counts: Map<number, IndicatorCount[]>; weighting: ReportWeighting | null };

/**
 * The counts a report is built on, by indicator, and when the report is weighted the weighting
 * that goes with them, from the same statement. An unweighted report costs what it always did.
 */
export async function countForReport(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], filter: CountFilter, wards: readonly CurrentWard[], options: { isWeighted?: boolean; confidence: number }): Promise<ReportCounts> {
  if (!options.isWeighted) return { counts: groupByIndicator(await countIndicators(db, indicators, filter)), weighting: null };
  const classes = await listWeightingClasses(db);
  if (classes === null) {
    const reason = { isWeighted: false as const, reason: "the question bank has no age band and sex questions to weight by" };
    return { counts: groupByIndicator(await countIndicators(db, indicators, filter)), weighting: { ward: () => reason, area: () => reason } };
  }
  const [byClass, populations] = await Promise.all([countIndicatorsByClass(db, indicators, filter, classes), readWardPopulations(db)]);
  return { counts: groupByIndicator(byClass.counts), weighting: reportWeighting({ ...byClass, populations }, wards, options.confidence) };
}

export function groupByIndicator(counts: readonly IndicatorCount[]): Map<number, IndicatorCount[]> {
  const grouped = new Map<number, IndicatorCount[]>();
  for (const count of counts) {
    const list = grouped.get(count.indicatorId);
    if (list) list.push(count);
    else grouped.set(count.indicatorId, [count]);
  }
  return grouped;
}
