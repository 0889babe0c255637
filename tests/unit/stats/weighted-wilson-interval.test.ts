import { describe, expect, it } from "vitest";
import { weightedWilsonInterval } from "~/lib/stats/weighted-wilson-interval";
import { wilsonInterval } from "~/lib/stats/wilson-interval";

const answersOf = (yes: number, base: number, weightOf: (i: number) => number = () => 1) =>
  Array.from({ length: base }, (_, i) => ({ weight: weightOf(i), isYes: i < yes }));

describe("weightedWilsonInterval", () => {
  it("equals the unweighted interval when every weight is 1 (Newcombe 1998a: 81/263 gives 0.2553 to 0.3662)", () => {
    const weighted = weightedWilsonInterval(answersOf(81, 263));
    expect(weighted).toEqual({ ...wilsonInterval(81, 263), base: 263, effectiveBase: 263, designEffect: 1 });
    expect(weighted.lower).toBeCloseTo(0.2553, 4);
    expect(weighted.upper).toBeCloseTo(0.3662, 4);
  });

  it("widens the interval by the design effect while keeping the weighted estimate", () => {
    // Alternate weights of 0.5 and 1.5 on both yes and no answers: the estimate stays 80/260
    // but n_eff = n / 1.25, so the interval must be wider than the unweighted one.
    const weighted = weightedWilsonInterval(answersOf(80, 260, (i) => (i % 2 === 0 ? 0.5 : 1.5)));
    const unweighted = wilsonInterval(80, 260);
    expect(weighted.estimate).toBeCloseTo(80 / 260, 12);
    expect(weighted.base).toBe(260);
    expect(weighted.designEffect).toBeCloseTo(1.25, 12);
    expect(weighted.effectiveBase).toBeCloseTo(208, 10);
    expect(weighted).toMatchObject(wilsonInterval((80 / 260) * 208, 208));
    expect(weighted.lower).toBeLessThan(unweighted.lower);
    expect(weighted.upper).toBeGreaterThan(unweighted.upper);
  });

  it("reaches an upper limit of 1 when every weighted answer is yes", () => {
    expect(weightedWilsonInterval(answersOf(12, 12, (i) => 1 + i / 10)).upper).toBe(1);
  });

  it("refuses no answers", () => {
    expect(() => weightedWilsonInterval([])).toThrow(RangeError);
  });
});
