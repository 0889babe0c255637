import { describe, expect, it } from "vitest";
import type { IndicatorDefinition } from "~/lib/reports/indicator-definition";
import { trendChartData } from "~/lib/reports/trend-chart-data";
import type { TrendPoint } from "~/lib/reports/ward-trends";

const indicator = { key: "feel_safe_after_dark", title: "% who feel safe after dark" } as IndicatorDefinition;
const shown = { isSuppressed: false, reason: null } as const;
const point = (label: string, estimate: TrendPoint["estimate"], suppression: TrendPoint["suppression"] = shown): TrendPoint => ({ window: { label, periods: [] }, estimate, suppression, weighting: null });

describe("trendChartData", () => {
  it("gives percentages to one decimal place, one per window", () => {
    const chart = trendChartData({ indicator, current: null!, points: [point("2026/27 Q1", { numerator: 81, base: 263, estimate: 81 / 263, lower: 0.25531, upper: 0.36622 })] });
    expect(chart).toEqual({ title: "% who feel safe after dark", labels: ["2026/27 Q1"], estimate: [30.8], lower: [25.5], upper: [36.6] });
  });

  it("leaves out a suppressed figure even when the reader (an administrator) may see it", () => {
    const hidden = point("2026/27 Q2", { numerator: 12, base: 20, estimate: 0.6, lower: 0.39, upper: 0.78 }, { isSuppressed: true, reason: "complementary" });
    const chart = trendChartData({ indicator, current: null!, points: [hidden, point("2026/27 Q3", null)] });
    expect([chart.estimate, chart.lower, chart.upper]).toEqual([[null, null], [null, null], [null, null]]);
  });
});
