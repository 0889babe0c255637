import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

/** One ward's population in one year, by age band and by sex (the bank's option keys): the margins weighting rakes to. */
export type WardMargins = { year: number; ageBand: Record<string, number>; sex: Record<string, number> };
/** Every loaded year of every ward's margins: ward id, then year. */
export type WardPopulations = ReadonlyMap<number, ReadonlyMap<number, WardMargins>>;

/** Every ward's population estimates, summed to the age-band and sex margins, for every year loaded. */
export async function readWardPopulations(db: Kysely<Database>): Promise<WardPopulations> {
  // In key order, which is the bank's order of bands (age_16_24 ... age_75_plus): a message about
  // an empty margin then names the youngest empty band, the same one every time.
  const rows = await db.selectFrom("population_estimate").select(["ward_id", "year", "age_band", "sex", "population"]).orderBy("age_band").orderBy("sex").execute();
  const byWard = new Map<number, Map<number, WardMargins>>();
  for (const row of rows) {
    const years = byWard.get(row.ward_id) ?? new Map<number, WardMargins>();
    byWard.set(row.ward_id, years);
    const margins = years.get(row.year) ?? { year: row.year, ageBand: {}, sex: {} };
    years.set(row.year, margins);
    margins.ageBand[row.age_band] = (margins.ageBand[row.age_band] ?? 0) + row.population;
    margins.sex[row.sex] = (margins.sex[row.sex] ?? 0) + row.population;
  }
  return byWard;
}

/** A ward's margins for the latest year loaded that is no later than `year`; null when there is none. */
export function latestMargins(populations: WardPopulations, wardId: number, year: number): WardMargins | null {
  let latest: WardMargins | null = null;
  for (const margins of populations.get(wardId)?.values() ?? []) {
    if (margins.year <= year && (latest === null || margins.year > latest.year)) latest = margins;
  }
  return latest;
}
