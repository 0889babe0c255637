import { describe, expect, it } from "vitest";
import { suggestQuestion } from "~/lib/imports/suggest-question";
import { STANDARD_QUESTIONS } from "~/lib/surveys/question-bank";

const safetyLabels = ["Very safe", "Fairly safe", "A bit unsafe", "Very unsafe", "Don't know"];

describe("suggestQuestion", () => {
  it("grades the bank's own wording with the bank's labels as the same", () => {
    expect(suggestQuestion("How safe do you feel walking alone in this area after dark?", safetyLabels)).toEqual({ questionKey: "safe_after_dark", similarity: 1, grade: "same" });
  });

  it("ignores the partner's numbering and punctuation when comparing the wording", () => {
    expect(suggestQuestion("Q3. How safe do you feel walking alone in this area after dark", ["Very Safe ", "fairly safe"])).toMatchObject({ questionKey: "safe_after_dark", grade: "same" });
  });

  it("grades the bank's wording with variant labels as equivalent, not the same", () => {
    expect(suggestQuestion("How worried are you about having your car stolen?", ["Very worried", "Not worried at all"])).toMatchObject({ questionKey: "worry_car_stolen", grade: "equivalent" });
  });

  it("grades a grid row worded close to the bank's strand as equivalent", () => {
    const title = "How much of a problem are the following in your local area? [Rubbish or litter lying around]";
    expect(suggestQuestion(title, ["Very big problem", "Not a problem at all"])).toEqual({ questionKey: "asb_rubbish_litter", similarity: 0.94, grade: "equivalent" });
  });

  it("suggests the question but no grade when an answer label does not map", () => {
    expect(suggestQuestion("How safe do you feel walking alone in this area after dark?", ["Very safe", "Quite safe"])).toEqual({ questionKey: "safe_after_dark", similarity: 1, grade: null });
  });

  it("suggests the question but no grade when there are no answers to check the scale with", () => {
    expect(suggestQuestion("How safe do you feel walking alone in this area after dark?", [])).toMatchObject({ grade: null });
  });

  it("leaves a loosely similar wording ungraded even when every label maps", () => {
    // Daytime safety is another question: 5 of 7 content words shared, a Dice coefficient of 0.71.
    expect(suggestQuestion("How safe do you feel walking alone in this area during the day?", safetyLabels)).toEqual({ questionKey: "safe_after_dark", similarity: 0.71, grade: null });
  });

  it("tells the two car questions apart by their wording", () => {
    expect(suggestQuestion("How worried are you about having things stolen from your car?", [])?.questionKey).toBe("worry_from_car");
    expect(suggestQuestion("How worried are you about having your car stolen?", [])?.questionKey).toBe("worry_car_stolen");
  });

  it("suggests nothing when the wording shares too little with any bank question", () => {
    expect(suggestQuestion("How worried are you about burglary?", ["Very worried"])).toBeNull();
    expect(suggestQuestion("Comments", ["Lights out on Café Row"])).toBeNull();
    expect(suggestQuestion("", [])).toBeNull();
  });

  it("suggests nothing when two bank questions are about as close as each other", () => {
    const worry = STANDARD_QUESTIONS.find((question) => question.key === "worry_burglary")!;
    const bank = [
      { ...worry, key: "worry_bike", text: "How worried are you about having your bike stolen?" },
      { ...worry, key: "worry_scooter", text: "How worried are you about having your scooter stolen?" },
    ];
    // 4 of the 5 content words match each one: a Dice coefficient of 0.89 against both.
    expect(suggestQuestion("How worried are you about having your bike or scooter stolen?", ["Very worried"], bank)).toBeNull();
    expect(suggestQuestion("How worried are you about having your bike stolen?", ["Very worried"], bank)).toMatchObject({ questionKey: "worry_bike", grade: "same" });
  });
});
