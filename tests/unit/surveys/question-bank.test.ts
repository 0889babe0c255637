import { describe, expect, it } from "vitest";
import { ASB_STRAND_KEYS, STANDARD_QUESTIONS, type BankQuestion } from "~/lib/surveys/question-bank";
import { STANDARD_INDICATORS } from "~/lib/surveys/standard-indicators";

const byKey = new Map(STANDARD_QUESTIONS.map((q) => [q.key, q]));
const question = (key: string): BankQuestion => {
  const q = byKey.get(key);
  if (q === undefined) throw new Error(`no question ${key}`);
  return q;
};
const optionKeys = (key: string) => question(key).options.map((o) => o.key);
const snakeCase = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

describe("the standard questions", () => {
  it("give every question a unique snake_case key", () => {
    const keys = STANDARD_QUESTIONS.map((q) => q.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(snakeCase);
  });

  it("give every option a snake_case key that is unique within its question", () => {
    for (const q of STANDARD_QUESTIONS) {
      const keys = optionKeys(q.key);
      expect(new Set(keys).size, q.key).toBe(keys.length);
      for (const key of keys) expect(key, q.key).toMatch(snakeCase);
    }
  });

  it("offer exactly one Don't know on every national question, and no Prefer not to say", () => {
    for (const q of STANDARD_QUESTIONS.filter((q) => q.isNational)) {
      expect(q.options.filter((o) => o.isDontKnow), q.key).toHaveLength(1);
      expect(q.options.filter((o) => o.isPreferNotToSay), q.key).toHaveLength(0);
    }
  });

  it("offer exactly one Prefer not to say on every About you question, and no Don't know", () => {
    const aboutYou = STANDARD_QUESTIONS.filter((q) => q.isAboutYou);
    expect(aboutYou.map((q) => q.key)).toEqual(["age_band", "sex", "disability", "ethnic_group"]);
    for (const q of aboutYou) {
      expect(q.isNational, q.key).toBe(false);
      expect(q.options.filter((o) => o.isPreferNotToSay), q.key).toHaveLength(1);
      expect(q.options.filter((o) => o.isDontKnow), q.key).toHaveLength(0);
    }
  });

  it("score the seven ASB strands 3, 2, 1, 0 and leave Don't know unscored", () => {
    expect(ASB_STRAND_KEYS).toHaveLength(7);
    for (const key of ASB_STRAND_KEYS) {
      expect(question(key).options.map((o) => [o.key, o.score]), key).toEqual([
        ["very_big_problem", 3],
        ["fairly_big_problem", 2],
        ["not_a_very_big_problem", 1],
        ["not_a_problem_at_all", 0],
        ["dont_know", null],
      ]);
    }
  });

  it("keep DOMAIN.md's wording and scale order for feeling safe after dark", () => {
    const q = question("safe_after_dark");
    expect(q.text).toBe("How safe do you feel walking alone in this area after dark?");
    expect(q.options.map((o) => o.label)).toEqual([
      "Very safe", "Fairly safe", "A bit unsafe", "Very unsafe", "I never walk alone after dark", "Don't know",
    ]);
  });

  it("keep DOMAIN.md's wording for the police and council dealing with what matters", () => {
    expect(question("police_council_dealing").text).toBe(
      "How much would you agree or disagree that the police and local council are dealing with the anti-social behaviour and crime issues that matter in this area?",
    );
    expect(question("police_council_dealing").options.map((o) => o.label)).toEqual([
      "Strongly agree", "Tend to agree", "Neither agree nor disagree", "Tend to disagree", "Strongly disagree", "Don't know",
    ]);
  });

  it("asks the car-worry filter before the car-worry questions", () => {
    const keys = STANDARD_QUESTIONS.map((q) => q.key);
    expect(keys.indexOf("has_household_car")).toBe(keys.indexOf("worry_car_stolen") - 1);
    expect(optionKeys("has_household_car")).toEqual(["yes", "no"]);
  });
});

describe("the standard indicators", () => {
  it("give every indicator a unique key and mark it national", () => {
    const keys = STANDARD_INDICATORS.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(16);
    for (const indicator of STANDARD_INDICATORS) expect(indicator.isNational).toBe(true);
  });

  it("refer only to questions in the bank, and count options each of those questions has", () => {
    for (const indicator of STANDARD_INDICATORS) {
      expect(indicator.questionKeys.length, indicator.key).toBeGreaterThan(0);
      for (const questionKey of indicator.questionKeys) {
        expect(byKey.has(questionKey), `${indicator.key} -> ${questionKey}`).toBe(true);
        for (const optionKey of indicator.countedOptionKeys) expect(optionKeys(questionKey), indicator.key).toContain(optionKey);
        for (const optionKey of indicator.settings.excludedFromBase ?? []) expect(optionKeys(questionKey), indicator.key).toContain(optionKey);
      }
      const filter = indicator.settings.askedOnlyOf;
      if (filter !== undefined) for (const optionKey of filter.optionKeys) expect(optionKeys(filter.questionKey)).toContain(optionKey);
    }
  });

  it("count something for every share and composite, and nothing for the score", () => {
    for (const indicator of STANDARD_INDICATORS) {
      if (indicator.calculation === "score_at_least") expect(indicator.countedOptionKeys, indicator.key).toEqual([]);
      else expect(indicator.countedOptionKeys.length, indicator.key).toBeGreaterThan(0);
    }
  });

  it("keep Don't know in every base by default", () => {
    for (const indicator of STANDARD_INDICATORS) expect(indicator.settings.dontKnowInBase, indicator.key).toBe(true);
  });

  it("count very or fairly safe and leave those who never walk alone after dark out of the base", () => {
    const safe = STANDARD_INDICATORS.find((i) => i.key === "feel_safe_after_dark");
    expect(safe?.countedOptionKeys).toEqual(["very_safe", "fairly_safe"]);
    expect(safe?.settings.excludedFromBase).toEqual(["never_walk_alone"]);
  });

  it("call perceived ASB high at 11 or more of 21 over all seven strands", () => {
    const high = STANDARD_INDICATORS.find((i) => i.key === "high_perceived_asb");
    expect(high?.calculation).toBe("score_at_least");
    expect(high?.questionKeys).toEqual(ASB_STRAND_KEYS);
    expect(high?.settings).toMatchObject({ threshold: 11, dontKnowScore: 0 });
  });

  it("has one very-or-fairly-big-problem indicator per ASB strand", () => {
    for (const key of ASB_STRAND_KEYS) {
      const strand = STANDARD_INDICATORS.find((i) => i.key === `${key}_big_problem`);
      expect(strand?.questionKeys, key).toEqual([key]);
      expect(strand?.countedOptionKeys, key).toEqual(["very_big_problem", "fairly_big_problem"]);
    }
  });

  it("bases car-crime worry on people in a household with a car", () => {
    const car = STANDARD_INDICATORS.find((i) => i.key === "very_worried_car_crime");
    expect(car?.calculation).toBe("any_question_option");
    expect(car?.settings.askedOnlyOf).toEqual({ questionKey: "has_household_car", optionKeys: ["yes"] });
  });
});
