import { describe, expect, it } from "vitest";
import { isDateFormat } from "~/lib/xlsx/is-date-format";

describe("isDateFormat", () => {
  it("knows the built-in date and time formats by id (ECMA-376 Part 1, 18.8.30)", () => {
    for (const id of [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]) expect(isDateFormat(id, undefined), String(id)).toBe(true);
    for (const id of [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 23, 37, 44, 48, 49]) expect(isDateFormat(id, undefined), String(id)).toBe(false);
  });

  it.each(["m/d/yy h:mm:ss", "dd/mm/yyyy", "yyyy-mm-dd;@", "[$-F800]dddd, mmmm dd, yyyy", "hh:mm AM/PM", "mmm-yy", "[Red]d-mmm"])("takes %j for a date or time", (code) => {
    expect(isDateFormat(164, code)).toBe(true);
  });

  it.each(["General", "0.00", "#,##0", "0%", "0.00E+00", "@", '0.0" days"', '#,##0" hrs"', "[Red]0.00", "0.00_);[Red](0.00)", "\\d0", "[$£-809]#,##0.00", "[h]:mm:ss", "[mm]:ss"])(
    "takes %j for a number, not a date",
    (code) => {
      expect(isDateFormat(164, code)).toBe(false);
    },
  );

  it("goes by the workbook's own code when it redefines a built-in id", () => {
    expect(isDateFormat(14, "0.00")).toBe(false);
  });
});
