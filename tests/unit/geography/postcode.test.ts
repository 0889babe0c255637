import { describe, expect, it } from "vitest";
import { formatPostcode, normalisePostcode } from "~/lib/geography/postcode";

describe("normalisePostcode", () => {
  it("reads a postcode in any spacing and case as upper case with no spaces", () => {
    for (const typed of ["hr1 1aa", " HR11AA ", "HR1  1AA", "Hr1\t1aA", "HR1\u00a01AA"]) {
      expect(normalisePostcode(typed)).toBe("HR11AA");
    }
  });

  it("accepts every outward code shape", () => {
    expect(normalisePostcode("B1 1AA")).toBe("B11AA"); // A9
    expect(normalisePostcode("B33 8TH")).toBe("B338TH"); // A99
    expect(normalisePostcode("HR9 5AA")).toBe("HR95AA"); // AA9
    expect(normalisePostcode("WR15 8AA")).toBe("WR158AA"); // AA99
    expect(normalisePostcode("W1A 0AX")).toBe("W1A0AX"); // A9A
    expect(normalisePostcode("EC1A 1BB")).toBe("EC1A1BB"); // AA9A
  });

  it("refuses text that is not shaped like a postcode", () => {
    for (const typed of ["", "   ", "HR1", "HR1 1A", "HR1 AAA", "HR1 1AAA", "1HR 1AA", "HRR1 1AA", "HR1-1AA", "HR1 OAA", "Hereford"]) {
      expect(normalisePostcode(typed)).toBeNull();
    }
  });

  it("refuses GIR 0AA, the one postcode outside the standard shape", () => {
    expect(normalisePostcode("GIR 0AA")).toBeNull();
  });
});

describe("formatPostcode", () => {
  it("puts one space before the inward code", () => {
    expect(formatPostcode("HR11AA")).toBe("HR1 1AA");
    expect(formatPostcode("B11AA")).toBe("B1 1AA");
    expect(formatPostcode("EC1A1BB")).toBe("EC1A 1BB");
  });

  it("tidies a postcode typed with other spacing", () => {
    expect(formatPostcode(" hr1  1aa ")).toBe("HR1 1AA");
  });

  it("returns text that is not a postcode trimmed and otherwise as typed", () => {
    expect(formatPostcode(" Hereford ")).toBe("Hereford");
  });
});
