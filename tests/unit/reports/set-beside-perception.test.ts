import { describe, expect, it } from "vitest";
import { setBesidePerception } from "~/lib/reports/crime-beside-perception";
import type { CrimeWindow } from "~/lib/reports/crime-windows";
import type { IndicatorTrend } from "~/lib/reports/ward-trends";

const shown = { isSuppressed: false, reason: null } as const;
const window = (label: string) => ({ label, periods: [] });
const crimeWindow = (label: string, crimes: number, monthsLoaded: number): CrimeWindow =>
  ({ label, crimes, antiSocialBehaviour: 0, crimesPer1000: null, antiSocialBehaviourPer1000: null, monthsLoaded, monthsInWindow: 3 });
const perception = {
  indicator: { key: "feel_safe_after_dark", title: "% who feel safe after dark" },
  current: null,
  points: ["Q1", "Q2", "Q3"].map((label) => ({ window: window(label), estimate: { numerator: 30, base: 40, estimate: 0.75, lower: 0.6, upper: 0.86 }, suppression: shown, weighting: null })),
} as unknown as IndicatorTrend;

describe("setBesidePerception", () => {
  it("draws recorded crime only for periods with every month loaded, so a late month never looks like a fall", () => {
    // Q1 complete (90 crimes), Q2 complete (84), Q3 with one month of three (29): drawn as 90, 84, gap.
    const { chart } = setBesidePerception([crimeWindow("Q1", 90, 3), crimeWindow("Q2", 84, 3), crimeWindow("Q3", 29, 1)], perception);
    expect(chart!.secondary).toEqual({ title: "Recorded crimes", values: [90, 84, null] });
    expect(chart!.estimate).toEqual([75, 75, 75]);
  });

  it("draws no chart when no crime is loaded at all", () => {
    expect(setBesidePerception([crimeWindow("Q1", 0, 0), crimeWindow("Q2", 0, 0), crimeWindow("Q3", 0, 0)], perception).chart).toBeNull();
  });
});
