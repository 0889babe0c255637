import { describe, expect, it } from "vitest";
import { zForConfidence } from "~/lib/stats/z-for-confidence";

describe("zForConfidence", () => {
  // Two-sided percentage points of the standard normal distribution, as tabulated to six decimals;
  // checked in Python's statistics.NormalDist().inv_cdf (Wichura's AS 241).
  it.each([
    [0.9, 1.644854],
    [0.95, 1.959964],
    [0.99, 2.575829],
    [0.999, 3.290527],
  ])("gives a %s confidence level a z of %s to six decimals", (confidence, z) => {
    expect(zForConfidence(confidence)).toBeCloseTo(z, 6);
  });

  it("matches the double-precision value at 95%, not merely 1.96", () => {
    expect(Math.abs(zForConfidence(0.95) - 1.959963984540054)).toBeLessThan(1e-12);
  });

  it("refuses a confidence level of 0, 1 or a percentage", () => {
    expect(() => zForConfidence(0)).toThrow(RangeError);
    expect(() => zForConfidence(1)).toThrow(RangeError);
    expect(() => zForConfidence(95)).toThrow(RangeError);
    expect(() => zForConfidence(Number.NaN)).toThrow(RangeError);
  });
});
