import { describe, expect, it } from "vitest";
import { wilsonInterval } from "~/lib/stats/wilson-interval";
import { zForConfidence } from "~/lib/stats/z-for-confidence";

// Newcombe (1998a), Statistics in Medicine 17:857-872, Table I, method 3 (score, no continuity
// correction), 95%. The paper itself could not be opened here; these five rows are as reproduced,
// identically, by several independent test suites that cite Table I (81/263 also appears in
// DOMAIN.md and STYLE.md). Each is pinned at the four decimals the table prints.
const NEWCOMBE_TABLE_I: readonly [number, number, number, number][] = [
  [81, 263, 0.2553, 0.3662],
  [15, 148, 0.0624, 0.1605],
  [0, 20, 0.0, 0.1611],
  [1, 29, 0.0061, 0.1718],
  [29, 29, 0.883, 1.0],
];

describe("wilsonInterval", () => {
  it.each(NEWCOMBE_TABLE_I)("reproduces Newcombe 1998a Table I for %i/%i", (successes, base, lower, upper) => {
    const interval = wilsonInterval(successes, base);
    expect(interval.estimate).toBe(successes / base);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it("gives a lower limit of exactly 0 for none and an upper limit of exactly 1 for all", () => {
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(29, 29).upper).toBe(1);
    expect(wilsonInterval(29, 29).lower).toBeLessThan(1);
  });

  it.each([0.9, 0.95, 0.99, 0.999])("puts both %s limits on Wilson's score boundary |p - π| = z √(π(1-π)/n)", (confidence) => {
    const z = zForConfidence(confidence);
    const { estimate, lower, upper } = wilsonInterval(17, 60, confidence);
    for (const limit of [lower, upper]) {
      expect(Math.abs(estimate - limit)).toBeCloseTo(z * Math.sqrt((limit * (1 - limit)) / 60), 12);
    }
  });

  it("widens as the confidence level rises", () => {
    const ninety = wilsonInterval(17, 60, 0.9);
    const ninetyFive = wilsonInterval(17, 60, 0.95);
    const ninetyNine = wilsonInterval(17, 60, 0.99);
    expect(ninetyFive.lower).toBeLessThan(ninety.lower);
    expect(ninetyNine.lower).toBeLessThan(ninetyFive.lower);
    expect(ninetyFive.upper).toBeGreaterThan(ninety.upper);
    expect(ninetyNine.upper).toBeGreaterThan(ninetyFive.upper);
  });

  it("accepts fractional effective counts from weighted data", () => {
    const interval = wilsonInterval(40.5, 101.25);
    expect(interval.estimate).toBeCloseTo(0.4, 12);
    expect(interval.lower).toBeGreaterThan(0.3);
    expect(interval.upper).toBeLessThan(0.5);
  });

  it("refuses a base of 0 rather than returning NaN", () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
  });

  it("refuses successes outside 0..base and a confidence outside (0, 1)", () => {
    expect(() => wilsonInterval(21, 20)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 20)).toThrow(RangeError);
    expect(() => wilsonInterval(Number.NaN, 20)).toThrow(RangeError);
    expect(() => wilsonInterval(5, 20, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(5, 20, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(5, 20, 95)).toThrow(RangeError);
  });
});
