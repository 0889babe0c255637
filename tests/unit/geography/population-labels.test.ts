import { describe, expect, it } from "vitest";
import { AGE_BANDS, ageBandKey, isTotalLabel, SEXES, sexKey } from "~/lib/geography/population/population-labels";

describe("age band labels", () => {
  it("takes its bands from the question bank, 16 to 75 and over", () => {
    expect(AGE_BANDS.map((band) => band.key)).toEqual(["age_16_24", "age_25_34", "age_35_44", "age_45_54", "age_55_64", "age_65_74", "age_75_plus"]);
    expect(AGE_BANDS.at(-1)).toMatchObject({ from: 75, to: null });
  });

  it("reads the bank's keys and the ways people write a band", () => {
    for (const text of ["age_16_24", "AGE_16_24", "16-24", "16 - 24", "16–24", "16 to 24", "16 To 24", "Aged 16 to 24", "16-24 years", "16_24"]) {
      expect(ageBandKey(text), text).toBe("age_16_24");
    }
    for (const text of ["age_75_plus", "75+", "75 +", "75 plus", "75 and over", "75 or over", "Aged 75 and over", "Aged 75 years and over", "75 or older"]) {
      expect(ageBandKey(text), text).toBe("age_75_plus");
    }
    expect(ageBandKey("45 to 54")).toBe("age_45_54");
  });

  it("refuses bands the bank does not have", () => {
    for (const text of ["", "0-15", "16-25", "15-24", "65+", "75", "seventy-five plus", "16+", "all ages"]) {
      expect(ageBandKey(text), text).toBeNull();
    }
  });
});

describe("sex labels", () => {
  it("reads the bank's keys, labels, plurals and initials in any case", () => {
    expect(SEXES.map((sex) => sex.key)).toEqual(["female", "male"]);
    for (const text of ["female", "Female", "FEMALE", "Females", "F", "f", " F "]) expect(sexKey(text), text).toBe("female");
    for (const text of ["male", "Male", "Males", "M", "m"]) expect(sexKey(text), text).toBe("male");
  });

  it("refuses anything else, totals included", () => {
    for (const text of ["", "Persons", "All", "1", "2", "Fe", "woman"]) expect(sexKey(text), text).toBeNull();
  });
});

describe("total rows", () => {
  it("recognises the names ONS tables give totals", () => {
    for (const text of ["Persons", "All", "All ages", "All persons", "Total", "16+"]) expect(isTotalLabel(text), text).toBe(true);
    for (const text of ["Female", "16-24", "75+"]) expect(isTotalLabel(text), text).toBe(false);
  });
});
