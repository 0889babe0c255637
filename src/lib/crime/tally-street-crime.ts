import { createHash } from "node:crypto";
import { CsvUnreadable } from "~/lib/csv/read-csv-records";
import { readDelimitedRecords } from "~/lib/csv/read-delimited-records";
import type { WardLocator } from "~/lib/geography/ward-locator";
import { err, ok, type Result } from "~/lib/result";
import { readStreetCrimeRows } from "./read-street-crime-rows";

/** One street-level CSV to count: an uploaded file, or an entry of an uploaded ZIP. */
export type StreetCrimeFile = { name: string; bytes: AsyncIterable<Uint8Array> };

/** STYLE.md "Import errors", with the file, as an upload may hold many. */
export type CrimeFileProblem = { file: string; row: number | null; column: string; reason: string };

export type MonthTally = { month: string; file: string; rows: number; placed: number; withoutLocation: number; outsideArea: number };
export type WardMonthCount = { wardId: number; month: string; crimeType: string; count: number };
export type StreetCrimeTally = {
  force: string;
  files: { name: string; sha256: string; rows: number }[];
  months: MonthTally[];
  counts: WardMonthCount[];
  rowsRead: number;
  rowsPlaced: number;
  rowsWithoutLocation: number;
  rowsOutsideArea: number;
};

export type StreetCrimeRefused =
  | { kind: "NoFiles" }
  | { kind: "NotCsv"; file: string; message: string }
  | { kind: "NotStreetCrime"; file: string; missing: string[]; found: string[] }
  | { kind: "FileErrors"; errors: CrimeFileProblem[]; errorCount: number }
  | { kind: "NoRows" }
  | { kind: "SameFileTwice"; files: string[] }
  | { kind: "MonthInTwoFiles"; month: string; files: string[] }
  | { kind: "MixedForces"; forces: string[] }
  | { kind: "NoWardsForMonths"; months: string[] };

export const MAX_ERRORS_SHOWN = 100;

/**
 * The date whose wards a month's crimes are placed in: the 15th, so that a month split by a
 * boundary change goes to the boundaries in force for most of it. data.police.uk gives only the
 * month of a crime, so no finer choice is possible.
 */
export const wardDateForMonth = (month: string) => `${month}-15`;

/**
 * Reads street-level crime files one after another, placing each row with a location in the
 * ward holding it (the locator for the month's wards) and counting by ward, month and crime type.
 * Rows without a location and rows outside every ward are counted, per month, not dropped.
 * Memory stays bounded by the counts, whatever the size of the files.
 *
 * Refused, with nothing counted: a file that is not CSV or not in the street-level layout (naming
 * the missing columns), any bad row (the first MAX_ERRORS_SHOWN, and how many), the same file
 * twice, a month found in two files (which would count it twice), rows from more than one force
 * (each force is loaded as its own batch), months with no wards in force, and no rows at all.
 */
export async function tallyStreetCrime(
  files: AsyncIterable<StreetCrimeFile> | Iterable<StreetCrimeFile>,
  locatorFor: (month: string) => WardLocator<number> | null,
): Promise<Result<StreetCrimeTally, StreetCrimeRefused>> {
  const errors: CrimeFileProblem[] = [];
  let errorCount = 0;
  const tallied: StreetCrimeTally["files"] = [];
  const months = new Map<string, MonthTally>();
  const counts = new Map<string, number>();
  const forces = new Set<string>();
  const monthsWithoutWards = new Set<string>();
  const locators = new Map<string, WardLocator<number> | null>();

  for await (const file of files) {
    const hash = createHash("sha256");
    let rows = 0;
    const fileMonths = new Map<string, MonthTally>();
    try {
      for await (const line of readStreetCrimeRows(readDelimitedRecords(hashing(file.bytes, hash)))) {
        if (!line.ok) {
          const problem = line.error;
          if (problem.kind === "MissingColumns") return err({ kind: "NotStreetCrime", file: file.name, missing: problem.missing, found: problem.found });
          errorCount += 1;
          if (errors.length < MAX_ERRORS_SHOWN) errors.push({ file: file.name, row: problem.row, column: problem.column, reason: problem.reason });
          continue;
        }
        const { month, force, crimeType, location } = line.value;
        rows += 1;
        forces.add(force);
        let tally = fileMonths.get(month);
        if (tally === undefined) {
          tally = { month, file: file.name, rows: 0, placed: 0, withoutLocation: 0, outsideArea: 0 };
          fileMonths.set(month, tally);
        }
        tally.rows += 1;
        if (location === null) { tally.withoutLocation += 1; continue; }
        if (!locators.has(month)) locators.set(month, locatorFor(month));
        const locator = locators.get(month)!;
        if (locator === null) { monthsWithoutWards.add(month); continue; }
        const wardId = locator.locate(location.longitude, location.latitude);
        if (wardId === null) { tally.outsideArea += 1; continue; }
        tally.placed += 1;
        const key = `${wardId}\t${month}\t${crimeType}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    } catch (error) {
      if (error instanceof CsvUnreadable) return err({ kind: "NotCsv", file: file.name, message: error.message });
      throw error;
    }
    const sha256 = hash.digest("hex");
    const same = tallied.find((earlier) => earlier.sha256 === sha256);
    if (same) return err({ kind: "SameFileTwice", files: [same.name, file.name] });
    tallied.push({ name: file.name, sha256, rows });
    for (const [month, tally] of fileMonths) {
      const earlier = months.get(month);
      if (earlier) return err({ kind: "MonthInTwoFiles", month, files: [earlier.file, file.name] });
      months.set(month, tally);
    }
  }

  if (tallied.length === 0) return err({ kind: "NoFiles" });
  if (errorCount > 0) return err({ kind: "FileErrors", errors, errorCount });
  if (forces.size > 1) return err({ kind: "MixedForces", forces: [...forces].sort() });
  if (monthsWithoutWards.size > 0) return err({ kind: "NoWardsForMonths", months: [...monthsWithoutWards].sort() });
  const monthList = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  const total = (field: "rows" | "placed" | "withoutLocation" | "outsideArea") => monthList.reduce((sum, m) => sum + m[field], 0);
  if (total("rows") === 0) return err({ kind: "NoRows" });
  return ok({
    force: [...forces][0]!,
    files: tallied,
    months: monthList,
    counts: [...counts].map(([key, count]) => {
      const [wardId, month, crimeType] = key.split("\t") as [string, string, string];
      return { wardId: Number(wardId), month, crimeType, count };
    }),
    rowsRead: total("rows"),
    rowsPlaced: total("placed"),
    rowsWithoutLocation: total("withoutLocation"),
    rowsOutsideArea: total("outsideArea"),
  });
}

async function* hashing(bytes: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  for await (const chunk of bytes) {
    hash.update(chunk);
    yield chunk;
  }
}
