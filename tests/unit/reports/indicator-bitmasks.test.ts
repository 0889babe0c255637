import { describe, expect, it } from "vitest";
import { arrayLiteralById, bitsColumn, BITS_PER_COLUMN, indicatorBitmasks } from "~/lib/reports/indicator-bitmasks";
import type { IndicatorDefinition } from "~/lib/reports/indicator-definition";

const indicator = (overrides: Partial<IndicatorDefinition>): IndicatorDefinition => ({
  id: 1, key: "x", title: "X", calculation: "share_of_options", isNational: true, questionIds: [], countedOptionIds: [],
  excludedOptionIds: [], dontKnowOptionIds: [], askedOnlyOf: null, threshold: null, dontKnowScore: 0, optionScores: [], ...overrides,
});

describe("indicatorBitmasks", () => {
  // A: one question (10), counting option 101, leaving 105 out of its base.
  // B: a score over questions 20 and 21.
  // C: any of questions 10 and 30, counting 101 and 301.
  const a = indicator({ key: "a", questionIds: [10], countedOptionIds: [101], excludedOptionIds: [105] });
  const b = indicator({ key: "b", calculation: "score_at_least", questionIds: [20, 21], threshold: 3, optionScores: [{ optionId: 201, score: 2 }, { optionId: 211, score: 1 }] });
  const c = indicator({ key: "c", calculation: "any_question_option", questionIds: [10, 30], countedOptionIds: [101, 301] });
  const layout = indicatorBitmasks([a, b, c]);

  it("gives each question of each indicator its own bit, in order, and a question every bit it takes part in", () => {
    // A has bit 0; B bits 1 and 2; C bits 3 and 4. Question 10 is in A and C: 1 + 8 = 9.
    expect(layout.indicators.map((i) => i.questionMask)).toEqual([1n, 6n, 24n]);
    expect(Object.fromEntries(layout.questionBits)).toEqual({ 10: [9n], 20: [2n], 21: [4n], 30: [16n] });
    expect(layout.indicators.map((i) => i.needsEveryQuestion)).toEqual([false, true, false]);
  });

  it("clears only the excluding indicator's bits for an option left out of its base", () => {
    expect(Object.fromEntries(layout.excludedBits)).toEqual({ 105: [1n] });
  });

  it("sets a yes bit per indicator that counts options, and none for a score, which sums points", () => {
    expect(layout.indicators.map((i) => i.yes)).toEqual([{ column: 0, bit: 1n }, null, { column: 0, bit: 2n }]);
    expect(Object.fromEntries(layout.yesBits)).toEqual({ 101: [3n], 301: [2n] });
    expect(layout.scores.map((s) => (s === null ? null : Object.fromEntries(s)))).toEqual([null, { 201: 2, 211: 1 }, null]);
  });

  it("gives an indicator asked only of some residents a bit, set by the answers that take a resident out of its base", () => {
    const car = indicator({ key: "car", calculation: "any_question_option", questionIds: [40, 41], countedOptionIds: [401], askedOnlyOf: { questionId: 50, outOfBaseOptionIds: [502] } });
    const layout = indicatorBitmasks([a, car]);
    // A's yes bit is 1, the car indicator's yes bit 2 and its out-of-base bit 4, all in column 0.
    expect(layout.indicators.map((i) => i.outOfBase)).toEqual([null, { column: 0, bit: 4n }]);
    expect(Object.fromEntries(layout.yesBits)).toEqual({ 101: [1n], 401: [2n], 502: [4n] });
  });

  it("starts a new column rather than split an indicator's questions between two", () => {
    const wide = indicator({ key: "wide", questionIds: Array.from({ length: 61 }, (_, i) => 1000 + i) });
    const layout = indicatorBitmasks([wide, b]);
    expect(layout.columns).toBe(2);
    expect(layout.indicators[1]).toMatchObject({ column: 1, questionMask: 3n });
  });

  it("refuses an indicator with more questions than a column holds", () => {
    const tooWide = indicator({ questionIds: Array.from({ length: BITS_PER_COLUMN + 1 }, (_, i) => i + 1) });
    expect(() => indicatorBitmasks([tooWide])).toThrow(RangeError);
  });
});

describe("arrayLiteralById", () => {
  it("writes values at their ids with 0 between, so the array has no nulls", () => {
    expect(arrayLiteralById(new Map([[3, 4n], [5, 1n]]))).toBe("[3:5]={4,0,1}");
    expect(arrayLiteralById(bitsColumn(new Map([[7, [0n, 6n]]]), 1))).toBe("[7:7]={6}");
  });

  it("gives null for no values", () => {
    expect(arrayLiteralById(new Map())).toBeNull();
  });
});
