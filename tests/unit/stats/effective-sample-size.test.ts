import { describe, expect, it } from "vitest";
import { effectiveCount, effectiveSampleSize, groupedEffectiveSampleSize } from "~/lib/stats/effective-sample-size";

describe("effectiveSampleSize", () => {
  it("gives n and a design effect of 1 when every weight is equal", () => {
    expect(effectiveSampleSize([1, 1, 1, 1, 1])).toEqual({ base: 5, effectiveBase: 5, designEffect: 1 });
    const scaled = effectiveSampleSize(new Array<number>(7).fill(2.5));
    expect(scaled.effectiveBase).toBeCloseTo(7, 12);
    expect(scaled.designEffect).toBeCloseTo(1, 12);
  });

  it("gives (Σw)²/Σw² and n Σw²/(Σw)² for unequal weights", () => {
    // Worked by hand from Kish's formulas: Σw = 12, Σw² = 20, n = 8, so n_eff = 144/20 = 7.2 and
    // deff = 160/144 = 1.1111; Kish (1992) writes the same deff as 1 + CV² = 1 + 0.25/1.5².
    const kish = effectiveSampleSize([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(kish.base).toBe(8);
    expect(kish.effectiveBase).toBeCloseTo(7.2, 12);
    expect(kish.designEffect).toBeCloseTo(1 + 0.25 / 1.5 ** 2, 12);
  });

  it("does not depend on the scale of the weights", () => {
    const weights = [0.4, 1.3, 2.2, 0.9, 5];
    const scaled = effectiveSampleSize(weights.map((weight) => weight * 37));
    expect(scaled.effectiveBase).toBeCloseTo(effectiveSampleSize(weights).effectiveBase, 10);
  });

  it("gives one respondent an effective base of 1", () => {
    expect(effectiveSampleSize([3.7])).toEqual({ base: 1, effectiveBase: 1, designEffect: 1 });
  });

  it("refuses no weights, and zero, negative or non-finite weights", () => {
    expect(() => effectiveSampleSize([])).toThrow(RangeError);
    expect(() => effectiveSampleSize([1, 0, 1])).toThrow(RangeError);
    expect(() => effectiveSampleSize([1, -0.5])).toThrow(RangeError);
    expect(() => effectiveSampleSize([1, Number.NaN])).toThrow(RangeError);
    expect(() => effectiveSampleSize([1, Infinity])).toThrow(RangeError);
  });
});

describe("effectiveCount", () => {
  it("gives the plain count when every weight is 1", () => {
    const answers = [true, false, true, true, false].map((isYes) => ({ weight: 1, isYes }));
    expect(effectiveCount(answers)).toEqual({ successes: 3, base: 5 });
  });

  it("keeps the weighted proportion and shrinks the base to n_eff", () => {
    // Weighted yes = 2 + 2 = 4 of Σw = 12, so the proportion is 1/3; n_eff = 7.2 as above.
    const answers = [1, 1, 1, 1, 2, 2, 2, 2].map((weight, i) => ({ weight, isYes: i >= 6 }));
    const count = effectiveCount(answers);
    expect(count.base).toBeCloseTo(7.2, 12);
    expect(count.successes / count.base).toBeCloseTo(1 / 3, 12);
  });

  it("never puts successes above the base when everyone says yes", () => {
    const answers = [0.3, 1.7, 0.9, 2.4, 1.1].map((weight) => ({ weight, isYes: true }));
    const count = effectiveCount(answers);
    expect(count.successes).toBe(count.base);
  });
});

describe("groupedEffectiveSampleSize", () => {
  it("gives what the weights listed one by one give", () => {
    // Kish's example above as two groups: four respondents weighted 1 and four weighted 2.
    expect(groupedEffectiveSampleSize([{ weight: 1, count: 4 }, { weight: 2, count: 4 }])).toEqual(effectiveSampleSize([1, 1, 1, 1, 2, 2, 2, 2]));
  });

  it("gives the effective base of a raked table worked by hand", () => {
    // The rim-weighting example (rim-weighting.test.ts): 10 at 2.4, 10 at 1.6, 30 at 0.8, 30 at 0.5333.
    // Σw = 80; Σw² = 57.6 + 25.6 + 19.2 + 8.5333 = 110.9333; n_eff = 6400 / 110.9333 = 57.69;
    // deff = 80 / 57.69 = 1.3867.
    const kish = groupedEffectiveSampleSize([{ weight: 2.4, count: 10 }, { weight: 1.6, count: 10 }, { weight: 0.8, count: 30 }, { weight: 1.6 / 3, count: 30 }]);
    expect(kish.base).toBe(80);
    expect(kish.effectiveBase).toBeCloseTo(57.6923, 4);
    expect(kish.designEffect).toBeCloseTo(1.3867, 4);
  });

  it("refuses a group of nobody or of part of a respondent", () => {
    expect(() => groupedEffectiveSampleSize([{ weight: 1, count: 0 }])).toThrow(RangeError);
    expect(() => groupedEffectiveSampleSize([{ weight: 1, count: 1.5 }])).toThrow(RangeError);
  });
});
