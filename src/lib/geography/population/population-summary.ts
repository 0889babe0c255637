import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { listCurrentWards } from "~/lib/geography/current-wards";

export type PopulationYear = { year: number; source: string; wards: number; population: number };
export type WardPopulation = { gssCode: string; name: string; byYear: Record<number, number> };
export type PopulationSummary = { years: PopulationYear[]; wards: WardPopulation[] };

/**
 * What is loaded: each year (newest first) with its source, ward count and total, and each
 * current ward's total population per year, so an administrator can see a ward that looks wrong.
 */
export async function summarisePopulation(db: Kysely<Database>, onDate: string): Promise<PopulationSummary> {
  const years = await db
    .selectFrom("population_estimate")
    .select((eb) => [
      "year",
      eb.fn.min("source").as("source"),
      eb.fn.count<number>("ward_id").distinct().as("wards"),
      eb.fn.sum<number>("population").as("population"),
    ])
    .groupBy("year")
    .orderBy("year", "desc")
    .execute();
  const totals = await db
    .selectFrom("population_estimate")
    .select((eb) => ["ward_id", "year", eb.fn.sum<number>("population").as("population")])
    .groupBy(["ward_id", "year"])
    .execute();
  const byWard = new Map<number, Record<number, number>>();
  for (const total of totals) {
    const entry = byWard.get(total.ward_id) ?? {};
    entry[total.year] = Number(total.population);
    byWard.set(total.ward_id, entry);
  }
  const wards = await listCurrentWards(db, onDate);
  return {
    // sum() of an integer is bigint in PostgreSQL, a string through both drivers: hence Number().
    years: years.map((y) => ({ year: y.year, source: y.source ?? "", wards: Number(y.wards), population: Number(y.population) })),
    wards: wards.map((ward) => ({ gssCode: ward.gssCode, name: ward.name, byYear: byWard.get(ward.id) ?? {} })),
  };
}
