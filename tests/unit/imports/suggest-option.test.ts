import { describe, expect, it } from "vitest";
import { suggestOptions } from "~/lib/imports/suggest-option";
import { STANDARD_QUESTIONS, type BankQuestion } from "~/lib/surveys/question-bank";

function bankQuestion(key: string): BankQuestion {
  const question = STANDARD_QUESTIONS.find((candidate) => candidate.key === key);
  if (question === undefined) throw new Error(`no bank question ${key}`);
  return question;
}

const keysOf = (labels: string[], key: string) => suggestOptions(labels, bankQuestion(key)).map((s) => [s.label, s.optionKey, s.confidence]);

describe("suggestOptions", () => {
  it("matches the bank's labels whatever their case, spacing and apostrophes, as exact", () => {
    expect(keysOf(["Very safe", "Very Safe ", "very safe", "Don’t Know", "Dont know"], "safe_after_dark")).toEqual([
      ["Very safe", "very_safe", "exact"],
      ["Very Safe ", "very_safe", "exact"],
      ["very safe", "very_safe", "exact"],
      ["Don’t Know", "dont_know", "exact"],
      ["Dont know", "dont_know", "exact"],
    ]);
  });

  it("matches the problem scale in title case", () => {
    expect(keysOf(["Fairly big problem", "Fairly Big Problem"], "asb_noisy_neighbours")).toEqual([
      ["Fairly big problem", "fairly_big_problem", "exact"],
      ["Fairly Big Problem", "fairly_big_problem", "exact"],
    ]);
  });

  it("suggests known other wordings as variants", () => {
    expect(keysOf(["DK", "Not worried at all"], "worry_burglary")).toEqual([
      ["DK", "dont_know", "variant"],
      ["Not worried at all", "not_at_all_worried", "variant"],
    ]);
    expect(keysOf(["Not a problem", "Not very big problem"], "asb_rubbish_litter")).toEqual([
      ["Not a problem", "not_a_problem_at_all", "variant"],
      ["Not very big problem", "not_a_very_big_problem", "variant"],
    ]);
  });

  it("does not take 'Agree' for 'Tend to agree', on a five-point scale or any other", () => {
    expect(keysOf(["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"], "police_council_dealing")).toEqual([
      ["Strongly agree", "strongly_agree", "exact"],
      ["Agree", null, null],
      ["Neither agree nor disagree", "neither_agree_nor_disagree", "exact"],
      ["Disagree", null, null],
      ["Strongly disagree", "strongly_disagree", "exact"],
    ]);
  });

  it("suggests nothing for a label on a different scale", () => {
    expect(keysOf(["Fairly unsafe", "Quite safe"], "safe_after_dark")).toEqual([["Fairly unsafe", null, null], ["Quite safe", null, null]]);
    expect(keysOf(["Very good"], "police_good_job")).toEqual([["Very good", null, null]]);
  });

  it("withdraws a variant when another label of the column claims the same option", () => {
    expect(keysOf(["Don't know", "Not sure"], "worry_mugged")).toEqual([["Don't know", "dont_know", "exact"], ["Not sure", null, null]]);
    expect(keysOf(["DK", "Not sure"], "worry_mugged")).toEqual([["DK", null, null], ["Not sure", null, null]]);
  });

  it("offers a variant only where the question has that option", () => {
    expect(keysOf(["Prefer not to answer"], "safe_after_dark")).toEqual([["Prefer not to answer", null, null]]);
    expect(keysOf(["Prefer not to answer", "75+"], "age_band")).toEqual([
      ["Prefer not to answer", "prefer_not_to_say", "variant"],
      ["75+", "age_75_plus", "variant"],
    ]);
  });

  it("reads age bands written with a hyphen as the bank's 'to'", () => {
    expect(keysOf(["16-24", "25 - 34"], "age_band")).toEqual([["16-24", "age_16_24", "exact"], ["25 - 34", "age_25_34", "exact"]]);
  });

  it("leaves out blank labels and repeats of the same label", () => {
    expect(keysOf(["", "  ", "Yes", "Yes", "No"], "asb_experienced")).toEqual([["Yes", "yes", "exact"], ["No", "no", "exact"]]);
  });
});
