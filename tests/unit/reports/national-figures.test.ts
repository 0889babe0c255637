import { describe, expect, it } from "vitest";
import { NATIONAL_FIGURES, nationalFigureFor, type NationalFigure } from "~/lib/reports/national-figures";
import { STANDARD_INDICATORS } from "~/lib/surveys/standard-indicators";

// A made-up figure: the shipped list is empty until DOMAIN.md records a real one.
const MADE_UP: NationalFigure = { indicatorKey: "feel_safe_after_dark", percent: 12.3, period: "year ending March 2099", source: "Made up for a test" };

describe("nationalFigureFor", () => {
  it("finds a recorded figure by indicator, and nothing for one without", () => {
    expect(nationalFigureFor("feel_safe_after_dark", [MADE_UP])).toEqual(MADE_UP);
    expect(nationalFigureFor("very_worried_burglary", [MADE_UP])).toBeNull();
  });

  it("never gives a local indicator a national figure", () => {
    expect(nationalFigureFor("feel_safe_at_bus_station", [{ ...MADE_UP, indicatorKey: "feel_safe_at_bus_station" }])).toBeNull();
  });

  it("records each shipped figure once, for a standard indicator, as a percentage with its year and source", () => {
    const standard = new Set(STANDARD_INDICATORS.map((i) => i.key));
    const keys = NATIONAL_FIGURES.map((f) => f.indicatorKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const figure of NATIONAL_FIGURES) {
      expect(standard.has(figure.indicatorKey)).toBe(true);
      expect(figure.percent).toBeGreaterThanOrEqual(0);
      expect(figure.percent).toBeLessThanOrEqual(100);
      expect(figure.period.trim()).not.toBe("");
      expect(figure.source.trim()).not.toBe("");
    }
  });
});
