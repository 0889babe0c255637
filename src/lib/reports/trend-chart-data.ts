import type { IndicatorTrend } from "./ward-trends";

/** What one trend chart draws: percentages, one value per window, null where nothing may be drawn. */
export type TrendChartData = {
  title: string;
  labels: string[];
  estimate: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** A second series on its own axis (recorded crime beside perception), never on the percentage scale. */
  secondary?: { title: string; values: (number | null)[] };
};

/**
 * The figures a chart may draw, for embedding in the page as JSON. Only unsuppressed points carry
 * numbers, whoever reads: an administrator sees suppressed figures in the table, marked, but the
 * chart (which cannot mark them as clearly) and the page source never hold them. A window with no
 * responses is null too, and chart.js leaves a gap there rather than joining across it.
 */
export function trendChartData(trend: IndicatorTrend): TrendChartData {
  const drawable = trend.points.map((p) => (p.suppression.isSuppressed ? null : p.estimate));
  const percent = (value: number | undefined) => (value === undefined ? null : Math.round(value * 1000) / 10);
  return {
    title: trend.indicator.title,
    // The quarter each window ends at: "4 quarters to 2026/27 Q3" is too long for an axis.
    labels: trend.points.map((p) => p.window.periods.at(-1)?.label ?? p.window.label),
    estimate: drawable.map((e) => percent(e?.estimate)),
    lower: drawable.map((e) => percent(e?.lower)),
    upper: drawable.map((e) => percent(e?.upper)),
  };
}
