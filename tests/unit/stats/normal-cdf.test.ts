import { describe, expect, it } from "vitest";
import { normalCdf } from "~/lib/stats/normal-cdf";

describe("normalCdf", () => {
  // NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.1, worked examples under
  // "How to use this table": 0.93699, 0.06301, 0.69146 and 0.15866 (five decimals).
  it.each([
    [1.53, 0.93699],
    [-1.53, 0.06301],
    [0.5, 0.69146],
    [-1, 0.15866],
  ])("reproduces the NIST table: Φ(%s) = %s", (x, probability) => {
    expect(normalCdf(x)).toBeCloseTo(probability, 5);
  });

  it("keeps a tiny lower tail instead of rounding it to 0", () => {
    // 0.5 erfc(8 / √2) = 6.220960574271819e-16, checked with Python's math.erfc; 1 - Φ(8) in
    // doubles would be 0.
    expect(normalCdf(-8) / 6.220960574271819e-16).toBeCloseTo(1, 7);
  });

  it("is symmetric about 0 and reaches 0 and 1 at the infinities", () => {
    for (const x of [0.1, 1, 2.5, 7.5]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });

  it("refuses NaN", () => {
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });
});
