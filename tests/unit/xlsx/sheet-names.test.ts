import { describe, expect, it } from "vitest";
import { toSheetNames } from "~/lib/xlsx/sheet-names";

describe("toSheetNames", () => {
  it("keeps names Excel accepts as they are", () => {
    expect(toSheetNames(["Ward trends", "Tupsley & Red Hill", "Ledbury (North)"])).toEqual(["Ward trends", "Tupsley & Red Hill", "Ledbury (North)"]);
  });

  it("replaces the characters Excel does not allow and trims apostrophes from the ends", () => {
    expect(toSheetNames(["Q3: safe? [2025/26] *\\", "'quoted'"])).toEqual(["Q3- safe- -2025-26- --", "quoted"]);
  });

  it("cuts names to 31 characters, never through an emoji", () => {
    const [cut = "", emoji = ""] = toSheetNames(["How safe do you feel walking alone after dark", `${"a".repeat(30)}😀`]);
    expect(cut).toBe("How safe do you feel walking al");
    expect(cut).toHaveLength(31);
    expect(emoji).toBe("a".repeat(30));
  });

  it("names blank sheets by position and numbers repeated names, ignoring case", () => {
    expect(toSheetNames(["", "Wards", "wards", "WARDS", " "])).toEqual(["Sheet1", "Wards", "wards (2)", "WARDS (3)", "Sheet5"]);
    expect(toSheetNames(["x".repeat(40), "x".repeat(40)])).toEqual(["x".repeat(31), `${"x".repeat(27)} (2)`]);
  });
});
