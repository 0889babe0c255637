import { describe, expect, it } from "vitest";
import { normaliseLabel } from "~/lib/imports/normalise-label";

describe("normaliseLabel", () => {
  it("ignores case and spaces", () => {
    for (const label of ["Very safe", "Very Safe ", "very safe", "  VERY   SAFE", "Very\u00a0safe", "Very\tsafe"]) expect(normaliseLabel(label)).toBe("very safe");
  });

  it("reads every way of writing don't as dont", () => {
    for (const label of ["Don't know", "Dont know", "Don’t Know", "DON`T KNOW", "Don\u2019t know."]) expect(normaliseLabel(label)).toBe("dont know");
  });

  it("drops trailing punctuation and turns other punctuation into spaces", () => {
    expect(normaliseLabel("Fairly big problem.")).toBe("fairly big problem");
    expect(normaliseLabel("Abandoned or burnt-out cars!")).toBe("abandoned or burnt out cars");
    expect(normaliseLabel("“Very safe”")).toBe("very safe");
    expect(normaliseLabel("Don't know / not sure")).toBe("dont know not sure");
  });

  it("reads & as and", () => {
    expect(normaliseLabel("Hinton & Hunderton")).toBe(normaliseLabel("Hinton and Hunderton"));
    expect(normaliseLabel("Vandalism&graffiti")).toBe("vandalism and graffiti");
  });

  it("reads a range of numbers with a hyphen or dash as 'to'", () => {
    for (const label of ["16-24", "16 - 24", "16–24", "16 to 24"]) expect(normaliseLabel(label)).toBe("16 to 24");
  });

  it("keeps + so that 75+ is not 75", () => {
    expect(normaliseLabel("75+")).toBe("75+");
  });

  it("keeps accented letters and Welsh", () => {
    expect(normaliseLabel("Café")).toBe("café");
    expect(normaliseLabel("Grŵp ethnig arall")).toBe("grŵp ethnig arall");
  });

  it("gives an empty string for a label of punctuation and spaces", () => {
    expect(normaliseLabel(" - ")).toBe("");
  });
});
