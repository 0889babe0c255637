import { describe, expect, it } from "vitest";
import type { WardMargins } from "~/lib/geography/population/ward-populations";
import type { ClassCount, IndicatorCount, SampleCount } from "~/lib/reports/indicator-counts";
import { reportWeighting, windowYear } from "~/lib/reports/report-weighting";
import type { ReportingWindow } from "~/lib/reports/reporting-windows";

const window: ReportingWindow = { label: "2026/27 Q3", periods: [{ id: 3, label: "2026/27 Q3", startsOn: "2026-10-01" }] };
const wards = [{ id: 1, gssCode: "E05999901", name: "Abbey Green", nameCy: null }, { id: 2, gssCode: "E05999902", name: "Brook Side", nameCy: null }];
const margins = (scale: number): WardMargins => ({ year: 2025, ageBand: { age_16_24: 500 * scale, age_25_34: 500 * scale }, sex: { female: 600 * scale, male: 400 * scale } });
const cells: [string, string, number, number][] = [["age_16_24", "female", 10, 5], ["age_16_24", "male", 10, 2], ["age_25_34", "female", 30, 15], ["age_25_34", "male", 30, 6]];
const classCounts = (wardId: number, rows: [string | null, string | null, number, number][]): ClassCount[] =>
  rows.map(([ageBand, sex, base, numerator]) => ({ indicatorId: 9, wardId, periodId: 3, ageBand, sex, base, numerator }));
const sampleOf = (wardId: number, rows: [string, string, number, number][]): SampleCount[] =>
  rows.map(([ageBand, sex, responses]) => ({ wardId, periodId: 3, ageBand, sex, responses }));

describe("reportWeighting", () => {
  // Abbey Green: the hand-raked table (weights 2.4, 1.6, 0.8, 0.5333; 38% weighted), plus 4
  // responses without a class and 10 counted answers. Brook Side: in proportion already (all
  // weights 1), 20 of 40 = 50%, in a ward of three times the population.
  const brookSide: [string, string, number, number][] = [["age_16_24", "female", 12, 6], ["age_16_24", "male", 8, 4], ["age_25_34", "female", 12, 6], ["age_25_34", "male", 8, 4]];
  const aggregate: IndicatorCount[] = [{ indicatorId: 9, wardId: 1, periodId: 3, numerator: 10, base: 10, sources: ["Fire (counts)"] }];
  const weighting = reportWeighting({
    byClass: [...classCounts(1, [...cells, [null, null, 4, 2]]), ...classCounts(2, brookSide)],
    sample: [...sampleOf(1, cells), ...sampleOf(2, brookSide)],
    aggregateCounts: aggregate,
    populations: new Map([[1, new Map([[2025, margins(1)]])], [2, new Map([[2025, margins(3)]])]]),
  }, wards, 0.95);

  it("weights a ward's figure, counting what it leaves out", () => {
    const figure = weighting.ward(9, 1, window);
    expect(figure).toMatchObject({ isWeighted: true, base: 80, numerator: 28, withoutClass: 4, fromCounts: 10 });
    if (!figure?.isWeighted) throw new Error("expected a weighted figure");
    expect(figure.estimate).toBeCloseTo(0.38, 10);
    expect(figure.effectiveBase).toBeCloseTo(57.6923, 4);
  });

  it("grosses each ward up to its population for the area", () => {
    // (1,000 × 0.38 + 3,000 × 0.5) / 4,000 = 1,880 / 4,000 = 0.47.
    const area = weighting.area(9, window);
    if (!area?.isWeighted) throw new Error("expected a weighted area");
    expect(area.estimate).toBeCloseTo(0.47, 10);
    expect(area).toMatchObject({ base: 120, withoutClass: 4, fromCounts: 10 });
  });

  it("says when a figure has nothing it can weight", () => {
    const countsOnly = reportWeighting({ byClass: [], sample: [], aggregateCounts: aggregate, populations: new Map() }, wards, 0.95);
    expect(countsOnly.ward(9, 1, window)).toEqual({ isWeighted: false, reason: "the figure comes only from aggregate returns (counts), which cannot be weighted" });
    const noClass = reportWeighting({ byClass: classCounts(1, [[null, "female", 3, 1]]), sample: [], aggregateCounts: [], populations: new Map() }, wards, 0.95);
    expect(noClass.ward(9, 1, window)).toEqual({ isWeighted: false, reason: "none of its 3 responses give both age band and sex" });
    expect(noClass.ward(9, 2, window)).toBeNull();
  });

  it("leaves the area unweighted, naming the wards, when a ward with responses cannot be weighted", () => {
    const partly = reportWeighting({
      byClass: [...classCounts(1, cells), ...classCounts(2, brookSide)],
      sample: [...sampleOf(1, cells), ...sampleOf(2, brookSide)],
      aggregateCounts: [],
      populations: new Map([[1, new Map([[2025, margins(1)]])]]),
    }, wards, 0.95);
    expect(partly.ward(9, 2, window)).toEqual({ isWeighted: false, reason: "no population estimates for 2026 or earlier are loaded for this ward" });
    expect(partly.area(9, window)).toEqual({ isWeighted: false, reason: "weighting was not possible in 1 of the 2 wards with responses (Brook Side); each ward’s figure says why" });
  });
});

describe("windowYear", () => {
  it("is the calendar year the window's first quarter starts in", () => {
    const rolling: ReportingWindow = { label: "4 quarters to 2026/27 Q3", periods: [{ id: 1, label: "2025/26 Q4", startsOn: "2026-01-01" }, { id: 2, label: "2026/27 Q1", startsOn: "2026-04-01" }] };
    expect(windowYear(rolling)).toBe(2026);
    expect(windowYear({ label: "2025/26 Q3", periods: [{ id: 5, label: "2025/26 Q3", startsOn: "2025-10-01" }] })).toBe(2025);
  });
});
