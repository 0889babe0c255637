import { describe, expect, it } from "vitest";
import { nationalFigureFormSchema } from "~/lib/reports/record-national-figure";

const form = (overrides: Record<string, string>) => ({ percent: "76.5", period: "year ending March 2025", source: "ONS, CSEW annual supplementary tables", sourceUrl: "", ...overrides });
const errorOf = (overrides: Record<string, string>) => {
  const parsed = nationalFigureFormSchema.safeParse(form(overrides));
  return parsed.success ? null : parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
};

describe("the national figure form", () => {
  it("reads a percentage as the ONS prints it, with or without a % sign, and an empty web address as none", () => {
    expect(nationalFigureFormSchema.parse(form({ percent: " 76.5% " }))).toEqual({ percent: 76.5, period: "year ending March 2025", source: "ONS, CSEW annual supplementary tables", sourceUrl: null });
    expect(nationalFigureFormSchema.parse(form({ percent: "0" })).percent).toBe(0);
    expect(nationalFigureFormSchema.parse(form({ percent: "100" })).percent).toBe(100);
    expect(nationalFigureFormSchema.parse(form({ sourceUrl: "https://www.ons.gov.uk/x" })).sourceUrl).toBe("https://www.ons.gov.uk/x");
  });

  it("says what is wrong with each field", () => {
    expect(errorOf({ percent: "" })).toEqual(["percent: Enter the percentage for England and Wales"]);
    expect(errorOf({ percent: "seventy" })).toEqual(["percent: Enter the percentage as a number, like 76 or 76.5"]);
    expect(errorOf({ percent: "76.55" })).toEqual(["percent: Enter the percentage as a number, like 76 or 76.5"]);
    expect(errorOf({ percent: "-3" })).toEqual(["percent: Enter the percentage as a number, like 76 or 76.5"]);
    expect(errorOf({ percent: "100.1" })).toEqual(["percent: Enter a percentage of 100 or less"]);
    expect(errorOf({ period: "  " })).toEqual(["period: Enter the survey year the figure is for, like year ending March 2025"]);
    expect(errorOf({ source: "" })).toEqual(["source: Enter the publication the figure comes from, so that anyone can check it"]);
    expect(errorOf({ sourceUrl: "javascript:alert(1)" })).toEqual(["sourceUrl: Enter a web address starting https://, or leave it empty"]);
    expect(errorOf({ sourceUrl: "http://example.org" })).toEqual(["sourceUrl: Enter a web address starting https://, or leave it empty"]);
  });
});
