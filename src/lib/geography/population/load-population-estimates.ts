import type { Kysely } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import { CsvUnreadable, readCsvRecords, type CsvSource } from "~/lib/csv/read-csv-records";
import type { Database } from "~/lib/db/schema";
import { listCurrentWards } from "~/lib/geography/current-wards";
import { err, ok, type Result } from "~/lib/result";
import { readPopulationCsv, type PopulationFileRefused } from "./read-population-csv";

export type PopulationLoaded = { years: number[]; rows: number; wards: number; population: number };
export type PopulationRefused = PopulationFileRefused | { kind: "NotCsv"; message: string } | { kind: "NoCurrentWards" };

export type LoadPopulationOptions = {
  /** The year of every row when the file has no Year column; when it has one, rows must match it. */
  year: number | null;
  /** Where the counts come from, kept on every row, e.g. "ONS mid-2022 ward population estimates". */
  source: string;
  /** The wards are those in force on this date, 'YYYY-MM-DD'. */
  onDate: string;
  loadedBy: { id: number; email: string } | null;
  fileName?: string;
};

/**
 * Replaces the population estimates for each year in a CSV of ward x age band x sex counts, used
 * as the margins for rim weighting (DOMAIN.md, "Weighting"). The file is read and checked whole
 * first (read-population-csv.ts says what is refused); then the years' old rows are deleted and
 * the new ones written in one transaction with a "population_loaded" audit event, so a refused
 * file or a failure part-way leaves every year as it was. Other years are kept.
 * Problems with the file are returned; a failing database throws.
 */
export async function loadPopulationEstimates(
  db: Kysely<Database>,
  source: CsvSource,
  options: LoadPopulationOptions,
): Promise<Result<PopulationLoaded, PopulationRefused>> {
  const wards = await listCurrentWards(db, options.onDate);
  if (wards.length === 0) return err({ kind: "NoCurrentWards" });
  let read;
  try {
    read = await readPopulationCsv(readCsvRecords(source), wards, options.year);
  } catch (error) {
    if (error instanceof CsvUnreadable) return err({ kind: "NotCsv", message: `The file is not a CSV that can be read: ${error.message}` });
    throw error;
  }
  if (!read.ok) return read;
  const rows = read.value;
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => a - b);
  const loaded: PopulationLoaded = {
    years,
    rows: rows.length,
    wards: new Set(rows.map((row) => row.wardId)).size,
    population: rows.reduce((sum, row) => sum + row.population, 0),
  };
  await db.transaction().execute(async (trx) => {
    // The whole year, ended wards' rows too: estimates of one year come from one file.
    await trx.deleteFrom("population_estimate").where("year", "in", years).execute();
    for (let at = 0; at < rows.length; at += 1000) {
      await trx
        .insertInto("population_estimate")
        .values(rows.slice(at, at + 1000).map((row) => ({
          ward_id: row.wardId, year: row.year, age_band: row.ageBand, sex: row.sex, population: row.population, source: options.source,
        })))
        .execute();
    }
    await recordAuditEvent(trx, {
      actor: options.loadedBy,
      action: "population_loaded",
      detail: { years: years.join(", "), rows: loaded.rows, wards: loaded.wards, population: loaded.population, source: options.source, fileName: options.fileName ?? null },
    });
  });
  return ok(loaded);
}
