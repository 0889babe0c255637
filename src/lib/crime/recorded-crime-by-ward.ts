import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { isAntiSocialBehaviour } from "./crime-types";

export type RecordedCrimeFigure = {
  wardId: number;
  periodId: number;
  /** Every crime type but anti-social behaviour. */
  crimes: number;
  antiSocialBehaviour: number;
  /** Each crime type's count, anti-social behaviour among them; types with none are left out. */
  byCrimeType: Record<string, number>;
  /** Months of the period with recorded crime loaded (for any force), of monthsInPeriod. */
  monthsLoaded: number;
  monthsInPeriod: number;
  /** The forces whose files were loaded for the period's months. */
  forces: string[];
  /** The ward's population aged 16 or over, from population_estimate, and the year used. */
  population: { year: number; aged16AndOver: number } | null;
  /** Per 1,000 residents aged 16 or over: the population the product holds. Null without it. */
  crimesPer1000: number | null;
  antiSocialBehaviourPer1000: number | null;
};

/**
 * Recorded crime and anti-social behaviour for each ward and reporting period asked for, one
 * figure per pair (zero where nothing was placed). Counts come only from batches still counted:
 * an undone batch, or the months a batch lost to a replacement, are left out. A crime counts in
 * the period holding its month. `monthsLoaded` says how much of the period the figure covers,
 * so a quarter with a month not yet loaded is not mistaken for a fall in crime.
 *
 * Rates: the product keeps ward populations aged 16 and over (the margins for weighting
 * responses), so rates are per 1,000 residents aged 16 or over, not per 1,000 residents of all
 * ages as police.uk's are. The year used is the latest loaded one not after the year the period
 * starts in, or else the earliest loaded.
 */
export async function recordedCrimeByWard(
  db: Kysely<Database>,
  { wardIds, periodIds }: { wardIds: readonly number[]; periodIds: readonly number[] },
): Promise<RecordedCrimeFigure[]> {
  if (wardIds.length === 0 || periodIds.length === 0) return [];
  const periods = await db.selectFrom("reporting_period").select(["id", "starts_on", "ends_before"]).where("id", "in", periodIds).execute();
  const [counts, loadedMonths, populations] = await Promise.all([
    db.selectFrom("recorded_crime_count")
      .innerJoin("recorded_crime_month", (join) => join
        .onRef("recorded_crime_month.batch_id", "=", "recorded_crime_count.batch_id")
        .onRef("recorded_crime_month.month", "=", "recorded_crime_count.month"))
      .innerJoin("recorded_crime_batch", "recorded_crime_batch.id", "recorded_crime_count.batch_id")
      .innerJoin("reporting_period", (join) => join
        .onRef("recorded_crime_count.month", ">=", "reporting_period.starts_on")
        .onRef("recorded_crime_count.month", "<", "reporting_period.ends_before"))
      .select((eb) => ["recorded_crime_count.ward_id", "reporting_period.id as period_id", "recorded_crime_count.crime_type", eb.fn.sum<number>("recorded_crime_count.count").as("total")])
      .where("recorded_crime_batch.status", "=", "committed")
      .where("recorded_crime_count.ward_id", "in", wardIds)
      .where("reporting_period.id", "in", periodIds)
      .groupBy(["recorded_crime_count.ward_id", "reporting_period.id", "recorded_crime_count.crime_type"])
      .execute(),
    db.selectFrom("recorded_crime_month")
      .innerJoin("reporting_period", (join) => join
        .onRef("recorded_crime_month.month", ">=", "reporting_period.starts_on")
        .onRef("recorded_crime_month.month", "<", "reporting_period.ends_before"))
      .select(["reporting_period.id as period_id", "recorded_crime_month.month", "recorded_crime_month.force"])
      .where("reporting_period.id", "in", periodIds)
      .execute(),
    db.selectFrom("population_estimate")
      .select((eb) => ["ward_id", "year", eb.fn.sum<number>("population").as("population")])
      .where("ward_id", "in", wardIds)
      .groupBy(["ward_id", "year"])
      .execute(),
  ]);

  const figures: RecordedCrimeFigure[] = [];
  for (const wardId of wardIds) {
    for (const periodId of periodIds) {
      const period = periods.find((p) => p.id === periodId);
      if (period === undefined) continue;
      const byCrimeType: Record<string, number> = {};
      for (const row of counts) {
        // sum() of an integer is bigint in PostgreSQL, read as a string or number: hence Number().
        if (row.ward_id === wardId && row.period_id === periodId) byCrimeType[row.crime_type] = Number(row.total);
      }
      const total = (asb: boolean) => Object.entries(byCrimeType).filter(([type]) => isAntiSocialBehaviour(type) === asb).reduce((sum, [, n]) => sum + n, 0);
      const loaded = loadedMonths.filter((m) => m.period_id === periodId);
      const population = populationFor(populations.filter((p) => p.ward_id === wardId), Number(String(period.starts_on).slice(0, 4)));
      const rate = (count: number) => (population === null || population.aged16AndOver === 0 ? null : (1000 * count) / population.aged16AndOver);
      const [crimes, antiSocialBehaviour] = [total(false), total(true)];
      figures.push({
        wardId,
        periodId,
        crimes,
        antiSocialBehaviour,
        byCrimeType,
        monthsLoaded: new Set(loaded.map((m) => String(m.month))).size,
        monthsInPeriod: monthsBetween(String(period.starts_on), String(period.ends_before)),
        forces: [...new Set(loaded.map((m) => m.force))].sort(),
        population,
        crimesPer1000: rate(crimes),
        antiSocialBehaviourPer1000: rate(antiSocialBehaviour),
      });
    }
  }
  return figures;
}

function populationFor(rows: { year: number; population: number }[], startYear: number): { year: number; aged16AndOver: number } | null {
  const years = rows.map((r) => r.year).sort((a, b) => a - b);
  const year = years.filter((y) => y <= startYear).at(-1) ?? years[0];
  const row = rows.find((r) => r.year === year);
  return row === undefined ? null : { year: row.year, aged16AndOver: Number(row.population) };
}

function monthsBetween(startsOn: string, endsBefore: string): number {
  const months = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  return months(endsBefore) - months(startsOn);
}
