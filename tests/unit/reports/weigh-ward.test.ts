import { describe, expect, it } from "vitest";
import { latestMargins, type WardMargins } from "~/lib/geography/population/ward-populations";
import { weighWard } from "~/lib/reports/weigh-ward";

// Population: age 16-24 500, 25-34 500; female 600, male 400 (year 2025).
const margins: WardMargins = { year: 2025, ageBand: { age_16_24: 500, age_25_34: 500 }, sex: { female: 600, male: 400 } };
const table = (youngWomen: number, youngMen: number, olderWomen: number, olderMen: number) => [
  { ageBand: "age_16_24", sex: "female", responses: youngWomen },
  { ageBand: "age_16_24", sex: "male", responses: youngMen },
  { ageBand: "age_25_34", sex: "female", responses: olderWomen },
  { ageBand: "age_25_34", sex: "male", responses: olderMen },
];

describe("weighWard", () => {
  it("rakes the ward's table to its margins as worked by hand", () => {
    // Age step ×2 young, ×2/3 older; sex step ×1.2 women, ×0.8 men (tests/unit/stats/rim-weighting.test.ts).
    const result = weighWard(table(10, 10, 30, 30), margins, 2026);
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toMatchObject({ year: 2025, population: 1000, respondents: 80, iterations: 1 });
    expect(result.value.weightOf("age_16_24", "female")).toBeCloseTo(2.4, 10);
    expect(result.value.weightOf("age_25_34", "male")).toBeCloseTo(1.6 / 3, 10);
    expect(result.value.weightOf("age_35_44", "male")).toBeUndefined();
  });

  it("fails clearly on an empty margin, naming the band and its people", () => {
    expect(weighWard(table(0, 0, 30, 30), margins, 2026)).toEqual({
      ok: false,
      error: "no respondent gave their age band as 16 to 24, which has 500 people in the 2025 population estimates (an empty margin)",
    });
    expect(weighWard(table(10, 0, 30, 0), margins, 2026)).toMatchObject({ ok: false, error: expect.stringMatching(/^no respondent gave their sex as Male, which has 400 people/) });
  });

  it("fails when respondents are in a band the estimates give nobody", () => {
    const sample = [...table(10, 10, 30, 30), { ageBand: "age_75_plus", sex: "female", responses: 2 }];
    expect(weighWard(sample, margins, 2026)).toEqual({ ok: false, error: "some respondents gave their age band as 75 or over, which has nobody in the 2025 population estimates" });
  });

  it("fails when the weights cannot match the margins within the cap of 0.2 to 5", () => {
    // 2 young of 200 against a population half young: a young weight of 50 would be needed.
    const result = weighWard(table(1, 1, 99, 99), margins, 2026);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^the weights did not converge: after 200 iterations, with each weight kept between 0.2 and 5 times the average, the weighted responses still differ from the population by \d+(\.\d+)? percentage points on one margin$/);
  });

  it("keeps going long enough for a sparse ward to converge", () => {
    // One respondent in most bands: matching both margins to 1e-6 takes about a hundred iterations.
    const sparse = [
      { ageBand: "age_16_24", sex: "female", responses: 1 }, { ageBand: "age_16_24", sex: "male", responses: 1 }, { ageBand: "age_25_34", sex: "female", responses: 1 },
      { ageBand: "age_35_44", sex: "male", responses: 1 }, { ageBand: "age_45_54", sex: "female", responses: 1 }, { ageBand: "age_55_64", sex: "male", responses: 1 },
      { ageBand: "age_65_74", sex: "female", responses: 1 }, { ageBand: "age_75_plus", sex: "male", responses: 1 },
    ];
    // Kington's made-up estimates (tests/fixtures/population/herefordshire-made-up.csv).
    const kington: WardMargins = { year: 2022, ageBand: { age_16_24: 461, age_25_34: 567, age_35_44: 673, age_45_54: 479, age_55_64: 585, age_65_74: 541, age_75_plus: 497 }, sex: { female: 1938, male: 1865 } };
    const result = weighWard(sparse, kington, 2026);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.iterations).toBeGreaterThan(50);
    // Worked by hand: each older band's one respondent takes the band's share × 8 (35-44: 8 × 673
    // / 3803 = 1.416). The 16-24 woman takes the women's share less the older women's bands:
    // 1938 / 3803 − (567 + 479 + 541) / 3803 = 0.5096 − 0.4173 = 0.0923, so 8 × 0.0923 = 0.738.
    expect(result.value.weightOf("age_16_24", "female")).toBeCloseTo(0.738, 3);
    expect(result.value.weightOf("age_35_44", "male")).toBeCloseTo((8 * 673) / 3803, 3);
  });

  it("fails without estimates or respondents", () => {
    expect(weighWard(table(10, 10, 30, 30), null, 2026)).toEqual({ ok: false, error: "no population estimates for 2026 or earlier are loaded for this ward" });
    expect(weighWard([], margins, 2026)).toEqual({ ok: false, error: "no respondent gave both their age band and sex" });
  });
});

describe("latestMargins", () => {
  const populations = new Map([[7, new Map([[2021, { ...margins, year: 2021 }], [2023, { ...margins, year: 2023 }]])]]);

  it("takes the latest year no later than the one asked for", () => {
    expect(latestMargins(populations, 7, 2024)?.year).toBe(2023);
    expect(latestMargins(populations, 7, 2022)?.year).toBe(2021);
  });

  it("gives null before the first year, or for a ward with none", () => {
    expect(latestMargins(populations, 7, 2020)).toBeNull();
    expect(latestMargins(populations, 8, 2024)).toBeNull();
  });
});
