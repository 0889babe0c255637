import { describe, expect, it } from "vitest";
import { AGE_BANDS, SEXES } from "~/lib/geography/population/population-labels";
import { readPopulationCsv, type PopulationWard } from "~/lib/geography/population/read-population-csv";

const WARDS: PopulationWard[] = [
  { id: 1, gssCode: "E05999901", name: "Abbey Green" },
  { id: 2, gssCode: "E05999902", name: "Brook Side" },
];

async function* records(rows: string[][]): AsyncGenerator<string[]> {
  yield* rows;
}

/** Every ward x age band x sex, with labels as a person would type them. */
function fullFile(year: number | null, wards = WARDS): string[][] {
  const header = ["Ward code", "Ward name", "Age band", "Sex", "Population", ...(year === null ? [] : ["Year"])];
  const rows = wards.flatMap((ward) => AGE_BANDS.flatMap((band, b) => SEXES.map((sex, s) => [
    ward.gssCode, ward.name, band.to === null ? `${band.from}+` : `${band.from}-${band.to}`, sex.label[0]!, String(100 + b * 10 + s), ...(year === null ? [] : [String(year)]),
  ])));
  return [header, ...rows];
}

const read = (rows: string[][], year: number | null = null) => readPopulationCsv(records(rows), WARDS, year);

describe("reading a population CSV", () => {
  it("reads every ward, band and sex into the bank's keys", async () => {
    const result = await read(fullFile(2022));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value).toHaveLength(2 * 7 * 2);
    expect(result.value[0]).toEqual({ wardId: 1, year: 2022, ageBand: "age_16_24", sex: "female", population: 100 });
    expect(result.value.at(-1)).toEqual({ wardId: 2, year: 2022, ageBand: "age_75_plus", sex: "male", population: 161 });
  });

  it("uses the year given when the file has no Year column, and asks for one when neither has it", async () => {
    const result = await read(fullFile(null), 2023);
    expect(result.ok && result.value.every((row) => row.year === 2023)).toBe(true);
    expect(await read(fullFile(null))).toEqual({ ok: false, error: { kind: "YearNeeded" } });
  });

  it("says which row, which column and why, for every bad row", async () => {
    const rows = fullFile(2022);
    rows[1] = ["E05099999", "", "16-24", "F", "100", "2022"];
    rows[2] = ["E05999901", "", "16 to 25", "M", "100", "2022"];
    rows[3] = ["E05999901", "", "25-34", "Persons", "100", "2022"];
    rows[4] = ["E05999901", "", "25-34", "M", "-4", "2022"];
    rows[5] = ["E05999901", "", "35-44", "F", "12.5", "2022"];
    rows[6] = ["E05999901", "", "35-44", "M", "", "20x2"];
    rows.push(["e05999901", "", "age_55_64", "female", "1,200", "2022"]); // a repeat of row 10, in other words
    const result = await read(rows);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: "FileErrors",
        errorCount: 8,
        errors: [
          { row: 2, column: "Ward code", reason: "E05099999 is not one of the area's current wards" },
          { row: 3, column: "Age band", reason: expect.stringMatching(/^"16 to 25" is not one of the age bands: 16 to 24, 25 to 34, .* 75 or over$/) },
          { row: 4, column: "Sex", reason: "\"Persons\" is a total: give a row for each sex, Female or Male, instead" },
          { row: 5, column: "Population", reason: "The population must not be negative, but is -4" },
          { row: 6, column: "Population", reason: "The population must be a whole number, but is 12.5" },
          { row: 7, column: "Population", reason: "The population is blank" },
          { row: 7, column: "Year", reason: "\"20x2\" is not a year from 2001 to 2100, like 2022" },
          { row: 30, column: "Ward code, Age band, Sex", reason: "Repeats row 10: E05999901, 55 to 64, Female, 2022" },
        ],
      },
    });
  });

  it("refuses a file that leaves out a current ward, or one ward's band and sex", async () => {
    const oneWard = fullFile(2022, [WARDS[0]!]);
    expect(await read(oneWard)).toEqual({ ok: false, error: { kind: "FileErrors", errorCount: 1, errors: [
      { row: null, column: "Ward code", reason: "Brook Side (E05999902) has no rows for 2022. Every current ward needs a row for each age band and sex" },
    ] } });
    const missingCell = fullFile(2022).filter((row) => !(row[0] === "E05999902" && row[2] === "75+" && row[3] === "M"));
    expect(await read(missingCell)).toEqual({ ok: false, error: { kind: "FileErrors", errorCount: 1, errors: [
      { row: null, column: "Ward code", reason: "Brook Side (E05999902) has no row for 2022, 75 or over, Male" },
    ] } });
  });

  it("refuses a file without the columns it needs, or without rows", async () => {
    const result = await read([["Ward", "Age", "Count"], ["E05999901", "16-24", "3"]], 2022);
    expect(result.ok ? null : result.error).toEqual({ kind: "FileErrors", errorCount: 1, errors: [
      { row: 1, column: "", reason: "The first row must name the columns. There is no \"Sex\" column. Columns found: Ward, Age, Count" },
    ] });
    expect(await read([], 2022)).toMatchObject({ ok: false, error: { errors: [{ reason: "The file is empty" }] } });
    expect(await read([["Ward code", "Age band", "Sex", "Population"], [""]], 2022)).toMatchObject({ ok: false, error: { errors: [{ reason: expect.stringMatching(/no rows/) }] } });
  });

  it("refuses rows whose year differs from the year entered", async () => {
    const result = await read(fullFile(2021), 2022);
    expect(result.ok ? null : result.error).toMatchObject({ kind: "FileErrors", errorCount: 28, errors: expect.arrayContaining([{ row: 2, column: "Year", reason: "2021 is not the year entered on the form, 2022" }]) });
  });

  it("shows the first 100 problems and counts them all", async () => {
    const rows = [["Ward code", "Age band", "Sex", "Population"], ...Array.from({ length: 150 }, () => ["E05000000", "16-24", "F", "1"])];
    const result = await read(rows, 2022);
    expect(result.ok ? null : result.error).toMatchObject({ kind: "FileErrors", errorCount: 150 });
    expect(result.ok ? [] : "errors" in result.error ? result.error.errors : []).toHaveLength(100);
  });
});
