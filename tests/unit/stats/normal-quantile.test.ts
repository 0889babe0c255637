import { describe, expect, it } from "vitest";
import { normalCdf } from "~/lib/stats/normal-cdf";
import { normalQuantile } from "~/lib/stats/normal-quantile";

describe("normalQuantile", () => {
  it("inverts normalCdf to about 1e-15 across the range, including both tails", () => {
    for (const p of [1e-12, 1e-6, 0.001, 0.02425, 0.1, 0.5, 0.8, 0.975, 0.999]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-15 + p * 1e-13);
    }
  });

  it("agrees with Wichura's AS 241 to 1e-14 at confidence levels and to 1e-9 far in the tail", () => {
    // Python statistics.NormalDist().inv_cdf, which implements Wichura (1988), AS 241.
    expect(Math.abs(normalQuantile(0.0005) - -3.2905267314918945)).toBeLessThan(1e-14);
    expect(Math.abs(normalQuantile(0.025) - -1.9599639845400536)).toBeLessThan(1e-14);
    expect(Math.abs(normalQuantile(1e-10) - -6.361340902404056)).toBeLessThan(1e-9);
  });

  it("is 0 at one half and antisymmetric", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.3)).toBeCloseTo(-normalQuantile(0.7), 14);
  });

  it("refuses probabilities of 0, 1 and outside", () => {
    for (const p of [0, 1, -0.1, 1.1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});
