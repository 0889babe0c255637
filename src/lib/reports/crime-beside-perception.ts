import type { Kysely } from "kysely";
import { recordedCrimeByWard } from "~/lib/crime/recorded-crime-by-ward";
import type { Database } from "~/lib/db/schema";
import { sumCrimeWindows, type CrimeWindow } from "./crime-windows";
import type { TrendChartData } from "./trend-chart-data";
import { trendChartData } from "./trend-chart-data";
import type { IndicatorTrend, WardTrends } from "./ward-trends";

/** The perception indicator set beside recorded crime: the survey's headline question on feeling safe. */
export const PERCEPTION_BESIDE_CRIME = "feel_safe_after_dark";

export type CrimeBesidePerception = { windows: CrimeWindow[]; perception: IndicatorTrend | null; chart: TrendChartData | null; hasCrime: boolean };

/**
 * Recorded crime and anti-social behaviour for one ward over the same windows as its perception
 * trends (a rolling window sums its quarters), with the perception trend to set beside it and a
 * chart of the two on separate axes. Crime counts are public data (data.police.uk) and are never
 * suppressed; the perception line carries only the unsuppressed figures, as every trend chart does.
 * Rates are per 1,000 residents aged 16 or over, the population the product holds.
 */
export async function crimeBesidePerception(db: Kysely<Database>, wardId: number, trends: WardTrends): Promise<CrimeBesidePerception> {
  const periodIds = [...new Set(trends.windows.flatMap((w) => w.periods.map((p) => p.id)))];
  const figures = await recordedCrimeByWard(db, { wardIds: [wardId], periodIds });
  const perception = trends.indicators.find((t) => t.indicator.key === PERCEPTION_BESIDE_CRIME) ?? null;
  return setBesidePerception(sumCrimeWindows(trends.windows, figures), perception);
}

/**
 * Recorded crime over some windows set beside the perception trend over the same windows (a ward's
 * or the whole area's), with the chart of the two. Pure.
 */
export function setBesidePerception(windows: CrimeWindow[], perception: IndicatorTrend | null): CrimeBesidePerception {
  const hasCrime = windows.some((w) => w.monthsLoaded > 0);
  const perceptionChart = perception === null ? null : trendChartData(perception);
  // Like every trend chart, drawn only where some perception figure may be shown. Crime is drawn
  // only for windows with every month loaded: police data arrives a month or two late, and a
  // quarter with one month of three would look like crime falling by two thirds. The table
  // still gives the part-loaded windows, with how many months they hold.
  const chart = perceptionChart === null || !hasCrime || perceptionChart.estimate.every((e) => e === null) ? null : {
    ...perceptionChart,
    secondary: {
      // Short, as it is the right axis's title too; the chart's label says which periods are drawn.
      title: windows.every((w) => w.crimesPer1000 !== null) ? "Recorded crime per 1,000 aged 16+" : "Recorded crimes",
      values: windows.map((w) => (w.monthsLoaded < w.monthsInWindow ? null : w.crimesPer1000 ?? w.crimes)),
    },
  };
  return { windows, perception, chart, hasCrime };
}
