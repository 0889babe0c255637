import { err, ok, type Result } from "~/lib/result";
import { AGE_BANDS, ageBandKey, ageBandLabel, isTotalLabel, SEXES, sexKey, sexLabel } from "./population-labels";

/** STYLE.md "Import errors": where, and why. `row` is null for what no one row holds (a missing ward). */
export type ImportError = { row: number | null; column: string; reason: string };
export type PopulationRow = { wardId: number; year: number; ageBand: string; sex: string; population: number };
export type PopulationWard = { id: number; gssCode: string; name: string };
export type PopulationFileRefused =
  | { kind: "YearNeeded" }
  | { kind: "FileErrors"; errors: ImportError[]; errorCount: number };

export const MAX_ERRORS_SHOWN = 100;
export const MAX_ROWS = 50_000;
export const FIRST_YEAR = 2001; // ONS ward-level estimates start with mid-2001
export const LAST_YEAR = 2100;
// Larger than any electoral ward (the largest hold about 40,000 people): a typo, not a ward.
const MAX_POPULATION = 1_000_000;

// Header names are compared lower case with anything not a letter or digit as one space.
const COLUMNS = {
  wardCode: { names: ["ward code", "wardcode", "ward", /^wd\d{2}cd$/], label: "Ward code" },
  ageBand: { names: ["age band", "ageband", "age group", "age"], label: "Age band" },
  sex: { names: ["sex"], label: "Sex" },
  population: { names: ["population", "count", "persons"], label: "Population" },
  year: { names: ["year", "mid year"], label: "Year" },
} satisfies Record<string, { names: (string | RegExp)[]; label: string }>;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ["wardCode", "ageBand", "sex", "population"];

const normaliseHeader = (name: string) => name.replace(/^\uFEFF/, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
const isBlank = (record: string[]) => record.every((cell) => cell.trim() === "");

/**
 * Reads a CSV of ward x age band x sex population counts (ONS small area estimates reduced to
 * the question bank's bands). The first row names the columns; each later row is one ward, age
 * band, sex and, when the file has a Year column, year. Without one, every row is for `year`.
 *
 * Refused, with every problem found (up to MAX_ERRORS_SHOWN, and the total): a ward code that
 * is not a current ward, an age band or sex not in the bank, a count that is blank, negative or
 * not a whole number, a row repeating an earlier one, and, when every row is otherwise fine, a
 * current ward with no rows or a missing age band and sex. A missing ward is an error, not a
 * warning: loading replaces the year, so a ward left out would lose its margins and be
 * reported unweighted with nothing to say so.
 */
export async function readPopulationCsv(
  records: AsyncIterable<string[]>,
  wards: readonly PopulationWard[],
  year: number | null,
): Promise<Result<PopulationRow[], PopulationFileRefused>> {
  const errors: ImportError[] = [];
  let errorCount = 0;
  const fail = (row: number | null, column: string, reason: string) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS_SHOWN) errors.push({ row, column, reason });
  };
  const refused = () => err({ kind: "FileErrors" as const, errors, errorCount });
  const wardsByCode = new Map(wards.map((ward) => [ward.gssCode, ward]));

  let rowNumber = 0;
  let header: string[] | null = null;
  let columns: Partial<Record<Column, number>> = {};
  const rows: PopulationRow[] = [];
  const seen = new Map<string, number>();
  for await (const record of records) {
    rowNumber += 1;
    if (isBlank(record)) continue;
    if (header === null) {
      header = record.map((name) => name.replace(/^\uFEFF/, "").trim());
      columns = findColumns(header.map(normaliseHeader));
      const missing = REQUIRED.filter((column) => columns[column] === undefined);
      if (missing.length > 0) {
        fail(rowNumber, "", `The first row must name the columns. There is no ${missing.map((c) => `"${COLUMNS[c].label}"`).join(", no ")} column. Columns found: ${header.join(", ") || "none"}`);
        return refused();
      }
      if (columns.year === undefined && year === null) return err({ kind: "YearNeeded" });
      continue;
    }
    if (rows.length >= MAX_ROWS) {
      fail(rowNumber, "", `The file has more than ${MAX_ROWS.toLocaleString("en-GB")} rows. Load one year at a time`);
      return refused();
    }
    const name = (column: Column) => header![columns[column]!] ?? COLUMNS[column].label;
    const cell = (column: Column) => (columns[column] === undefined ? "" : (record[columns[column]!] ?? "").trim());
    const before = errorCount;

    const code = cell("wardCode").toUpperCase();
    const ward = wardsByCode.get(code);
    if (code === "") fail(rowNumber, name("wardCode"), "The ward code is blank");
    else if (!ward) fail(rowNumber, name("wardCode"), `${code} is not one of the area's current wards`);

    const ageText = cell("ageBand");
    const ageBand = ageBandKey(ageText);
    if (ageBand === null) {
      const bands = AGE_BANDS.map((band) => band.label).join(", ");
      fail(rowNumber, name("ageBand"), ageText === "" ? "The age band is blank"
        : isTotalLabel(ageText) ? `"${ageText}" is a total: leave total rows out, the age bands add up to it`
        : `"${ageText}" is not one of the age bands: ${bands}`);
    }
    const sexText = cell("sex");
    const sex = sexKey(sexText);
    if (sex === null) {
      const sexes = SEXES.map((s) => s.label).join(" or ");
      fail(rowNumber, name("sex"), sexText === "" ? "The sex is blank"
        : isTotalLabel(sexText) ? `"${sexText}" is a total: give a row for each sex, ${sexes}, instead`
        : `"${sexText}" is not ${sexes}`);
    }
    const population = readCount(cell("population"));
    if (typeof population === "string") fail(rowNumber, name("population"), population);

    let rowYear = year;
    if (columns.year !== undefined) {
      const text = cell("year");
      const read = /^\d{4}$/.test(text) ? Number(text) : null;
      if (read === null || read < FIRST_YEAR || read > LAST_YEAR) fail(rowNumber, name("year"), text === "" ? "The year is blank" : `"${text}" is not a year from ${FIRST_YEAR} to ${LAST_YEAR}, like 2022`);
      else if (year !== null && read !== year) fail(rowNumber, name("year"), `${read} is not the year entered on the form, ${year}`);
      else rowYear = read;
    }
    if (errorCount > before || !ward || ageBand === null || sex === null || typeof population !== "number" || rowYear === null) continue;

    const key = `${ward.id}|${rowYear}|${ageBand}|${sex}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(rowNumber, [name("wardCode"), name("ageBand"), name("sex")].join(", "), `Repeats row ${earlier}: ${ward.gssCode}, ${ageBandLabel(ageBand)}, ${sexLabel(sex)}, ${rowYear}`);
      continue;
    }
    seen.set(key, rowNumber);
    rows.push({ wardId: ward.id, year: rowYear, ageBand, sex, population });
  }
  if (header === null) return err({ kind: "FileErrors", errors: [{ row: null, column: "", reason: "The file is empty" }], errorCount: 1 });
  if (errorCount > 0) return refused();
  if (rows.length === 0) return err({ kind: "FileErrors", errors: [{ row: null, column: "", reason: "The file has no rows of population counts below its first row" }], errorCount: 1 });
  checkEveryWardComplete(rows, wards, (column, reason) => fail(null, column, reason), header[columns.wardCode!] ?? "Ward code");
  return errorCount > 0 ? refused() : ok(rows);
}

/** Each year in the file needs every current ward, and each ward every age band and sex. */
function checkEveryWardComplete(rows: PopulationRow[], wards: readonly PopulationWard[], fail: (column: string, reason: string) => void, wardColumn: string): void {
  const have = new Set(rows.map((r) => `${r.wardId}|${r.year}|${r.ageBand}|${r.sex}`));
  const wardYears = new Set(rows.map((r) => `${r.wardId}|${r.year}`));
  for (const year of [...new Set(rows.map((r) => r.year))].sort()) {
    for (const ward of wards) {
      if (!wardYears.has(`${ward.id}|${year}`)) {
        fail(wardColumn, `${ward.name} (${ward.gssCode}) has no rows for ${year}. Every current ward needs a row for each age band and sex`);
        continue;
      }
      for (const band of AGE_BANDS) {
        for (const sex of SEXES) {
          if (!have.has(`${ward.id}|${year}|${band.key}|${sex.key}`)) fail(wardColumn, `${ward.name} (${ward.gssCode}) has no row for ${year}, ${band.label}, ${sex.label}`);
        }
      }
    }
  }
}

/** A whole number of people, or the reason the text is not one. "1,234" is read as 1234. */
function readCount(text: string): number | string {
  if (text === "") return "The population is blank";
  const digits = /^-?\d{1,3}(?:,\d{3})+$/.test(text) ? text.replaceAll(",", "") : text;
  if (!/^-?\d+(?:\.\d+)?$/.test(digits)) return `"${text}" is not a number`;
  const value = Number(digits);
  if (value < 0) return `The population must not be negative, but is ${text}`;
  if (!Number.isInteger(value)) return `The population must be a whole number, but is ${text}`;
  if (value > MAX_POPULATION) return `${text} is more people than any ward holds`;
  return value;
}

function findColumns(header: string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  for (const [column, { names }] of Object.entries(COLUMNS) as [Column, (typeof COLUMNS)[Column]][]) {
    const index = names.map((n) => header.findIndex((h) => (typeof n === "string" ? h === n : n.test(h)))).find((i) => i >= 0);
    if (index !== undefined) found[column] = index;
  }
  return found;
}
