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

  it("takes answers counted in cells, as rim weighting of a table gives them", () => {
    // The rim-weighting example (rim-weighting.test.ts) with "yes" from 5 of the 10 young women,
    // 2 of the 10 young men, 15 of the 30 older women and 6 of the 30 older men (28 of 80 = 35%).
    // Weighted: (5 × 2.4 + 2 × 1.6 + 15 × 0.8 + 6 × 0.5333) / 80 = (12 + 3.2 + 12 + 3.2) / 80 = 0.38,
    // with the Wilson interval of 0.38 × 57.69 out of n_eff = 57.69.
    const cells = [[2.4, 5, 10], [1.6, 2, 10], [0.8, 15, 30], [1.6 / 3, 6, 30]] as const;
    const answers = cells.flatMap(([weight, yes, count]) => [{ weight, isYes: true, count: yes }, { weight, isYes: false, count: count - yes }]);
    const weighted = weightedWilsonInterval(answers);
    expect(weighted.estimate).toBeCloseTo(0.38, 12);
    expect(weighted.base).toBe(80);
    expect(weighted.effectiveBase).toBeCloseTo(57.6923, 4);
    expect(weighted).toMatchObject(wilsonInterval(0.38 * weighted.effectiveBase, weighted.effectiveBase));
    const oneByOne = weightedWilsonInterval(answers.flatMap(({ weight, isYes, count }) => Array.from({ length: count }, () => ({ weight, isYes }))));
    expect(weighted.lower).toBeCloseTo(oneByOne.lower, 12);
    expect(weighted.upper).toBeCloseTo(oneByOne.upper, 12);
  });

  it("refuses no answers", () => {
    expect(() => weightedWilsonInterval([])).toThrow(RangeError);
  });
});
