import { describe, expect, it } from "vitest";
import { guessColumnRole } from "~/lib/imports/guess-column-role";

describe("guessColumnRole", () => {
  it.each([
    ["Email", "personal_data"],
    ["E-mail address", "personal_data"],
    ["IP Address", "personal_data"],
    ["Full name", "personal_data"],
    ["Surname", "personal_data"],
    ["Telephone", "personal_data"],
    ["Home address", "personal_data"],
    ["Date of birth", "personal_data"],
    ["Latitude", "personal_data"],
    ["long", "personal_data"],
    ["Please give your email address if you would like to hear about the results", "personal_data"],
    ["What is your name?", "personal_data"],
  ])("flags %j as personal data", (title, role) => {
    expect(guessColumnRole(title)).toBe(role);
  });

  it.each([
    ["Ward", "ward_name"],
    ["Ward name", "ward_name"],
    ["Which ward do you live in?", "ward_name"],
    ["Ward code", "ward_code"],
    ["WD25CD", "ward_code"],
    ["Postcode", "postcode"],
    ["Post code", "postcode"],
    ["What is your postcode?", "postcode"],
  ])("finds the ward or postcode in %j", (title, role) => {
    expect(guessColumnRole(title)).toBe(role);
  });

  it.each([
    ["ID", "respondent_id"],
    ["Respondent ID", "respondent_id"],
    ["ResponseId", "respondent_id"],
    ["Ref", "respondent_id"],
    ["Timestamp", "timestamp"],
    ["Date submitted", "timestamp"],
    ["Date", "date"],
    ["Start time", "date"],
    ["Status", "metadata"],
    ["Duration (in seconds)", "metadata"],
    ["", "metadata"],
  ])("reads the tool's own column %j as %s", (title, role) => {
    expect(guessColumnRole(title)).toBe(role);
  });

  it.each([
    "How safe do you feel walking alone in this area after dark?",
    "Have you had your mobile phone stolen in the last year?",
    "How long have you lived in your area?",
    "Q1",
    "Comments",
  ])("leaves %j a question", (title) => {
    expect(guessColumnRole(title)).toBe("question");
  });
});
