import { describe, expect, it } from "vitest";
import { twoProportionTest } from "~/lib/stats/two-proportion-test";

describe("twoProportionTest", () => {
  it("reproduces HyperStat's early-intervention example: 73/85 against 43/82 gives z = 4.69", () => {
    // D. M. Lane, HyperStat Online, "Tests of differences between proportions" (pages 2 and 3 of 5):
    // p1 - p2 = 0.3344, standard error 0.0713, z = 4.69, two-tailed probability below 0.0001.
    const test = twoProportionTest({ successes: 73, base: 85 }, { successes: 43, base: 82 });
    expect(test.difference).toBeCloseTo(0.3344, 4);
    expect(test.z).toBeCloseTo(4.69, 2);
    expect(test.pValue).toBeLessThan(0.0001);
    // erfc(|z| / √2) for the unrounded z = 4.691050, checked with Python's math.erfc.
    expect(test.pValue / 2.7180688371002584e-6).toBeCloseTo(1, 10);
  });

  it("reproduces the usablestats worked answer: 118/3303 against 80/3303 gives z = 2.742, p = 0.00611", () => {
    // usablestats.com AskStats question 866 (J. Sauro): pooled 0.02997, SE 0.004196, z 2.74195,
    // two-sided p 0.00611.
    const test = twoProportionTest({ successes: 118, base: 3303 }, { successes: 80, base: 3303 });
    expect(test.z).toBeCloseTo(2.742, 3);
    expect(test.pValue).toBeCloseTo(0.00611, 5);
  });

  it("gives z = 0 and p = 1, not NaN, when both periods are 0% or both are 100%", () => {
    expect(twoProportionTest({ successes: 0, base: 40 }, { successes: 0, base: 55 })).toEqual({ difference: 0, z: 0, pValue: 1 });
    expect(twoProportionTest({ successes: 40, base: 40 }, { successes: 55, base: 55 })).toEqual({ difference: 0, z: 0, pValue: 1 });
  });

  it("gives p = 1 for equal proportions and the same p either way round", () => {
    expect(twoProportionTest({ successes: 20, base: 40 }, { successes: 30, base: 60 }).pValue).toBe(1);
    const forwards = twoProportionTest({ successes: 30, base: 90 }, { successes: 45, base: 100 });
    const backwards = twoProportionTest({ successes: 45, base: 100 }, { successes: 30, base: 90 });
    expect(backwards.z).toBeCloseTo(-forwards.z, 14);
    expect(backwards.pValue).toBeCloseTo(forwards.pValue, 14);
  });

  it("refuses an empty period", () => {
    expect(() => twoProportionTest({ successes: 0, base: 0 }, { successes: 1, base: 10 })).toThrow(RangeError);
    expect(() => twoProportionTest({ successes: 1, base: 10 }, { successes: 12, base: 10 })).toThrow(RangeError);
  });
});
