import { describe, expect, it } from "vitest";
import { areaUploadSchema, issuesAsProblems, toAreaUploadErrors } from "~/lib/geography/area-upload-form";
import { readDateParts } from "~/lib/forms/date-parts";

const date = { "effectiveDate-day": "6", "effectiveDate-month": "5", "effectiveDate-year": "2027" };
const problems = (values: Record<string, string>) => {
  const parsed = areaUploadSchema.safeParse(values);
  return parsed.success ? [] : issuesAsProblems(parsed.error);
};

describe("the Load wards form", () => {
  it("reads a boundary change for an area already set up, ignoring the new-area questions", () => {
    const parsed = areaUploadSchema.safeParse({ area: "E06000019", newAreaName: "", attribution: "", codeProperty: " WD27CD ", ...date });
    expect(parsed.success && parsed.data).toEqual({ area: { kind: "existing", gssCode: "E06000019" }, effectiveDate: "2027-05-06", codeProperty: "WD27CD", nameProperty: "" });
  });

  it("reads a new area, with its attribution a statement a line", () => {
    const parsed = areaUploadSchema.safeParse({
      area: "new", newAreaCode: "e06 999997", newAreaName: "Sampleshire", partnershipName: "Safer Sampleshire", attribution: "Line one\r\n\r\n Line two ", ...date,
    });
    expect(parsed.success && parsed.data.area).toEqual({ kind: "new", gssCode: "E06999997", name: "Sampleshire", partnershipName: "Safer Sampleshire", attribution: ["Line one", "Line two"] });
  });

  it("asks every new-area question that is unanswered, and for the area and date", () => {
    expect(problems({ area: "new", attribution: " " }).map((p) => p.field)).toEqual(["newAreaCode", "newAreaName", "partnershipName", "attribution", "effectiveDate-day"]);
    expect(problems({})).toEqual([
      { field: "area", message: "Select the local area the wards are for" },
      { field: "effectiveDate-day", message: "Enter the date the boundaries take effect" },
    ]);
    expect(problems({ area: "new", newAreaCode: "E05009438", newAreaName: "A", partnershipName: "B", attribution: "C", ...date })[0]?.message).toMatch(/starting E06, E07, E08, E09 or W06/);
  });

  it("orders errors as the page does, keeps every file problem, and links a date problem to the day box", () => {
    const errors = toAreaUploadErrors([
      { field: "effectiveDate", message: "Date" },
      { field: "boundariesFile", message: "One" },
      { field: "area", message: "Area" },
      { field: "boundariesFile", message: "Two" },
    ]);
    expect(errors.summary.map((s) => s.href)).toEqual(["#area", "#boundariesFile", "#boundariesFile", "#effectiveDate-day"]);
    expect(errors.byField.boundariesFile).toBe("One\nTwo");
  });
});

describe("readDateParts", () => {
  const read = (day: string, month: string, year: string) =>
    readDateParts({ "d-day": day, "d-month": month, "d-year": year }, "d", { enter: "Enter the date", subject: "The date" });

  it("reads a real date as YYYY-MM-DD", () => {
    expect(read(" 6 ", "05", "2027")).toEqual({ ok: true, value: "2027-05-06" });
    expect(read("29", "2", "2028")).toEqual({ ok: true, value: "2028-02-29" });
  });

  it("says which box to fix, in GOV.UK's words", () => {
    expect(read("", "", "")).toEqual({ ok: false, error: { part: "day", message: "Enter the date" } });
    expect(read("6", "", "")).toEqual({ ok: false, error: { part: "month", message: "The date must include a month and year" } });
    expect(read("6", "5", "27")).toEqual({ ok: false, error: { part: "year", message: "Year must include 4 numbers" } });
    expect(read("29", "2", "2027")).toEqual({ ok: false, error: { part: "day", message: "The date must be a real date" } });
    expect(read("6th", "May", "2027")).toEqual({ ok: false, error: { part: "day", message: "The date must be a real date" } });
  });
});
