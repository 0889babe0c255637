import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { todayInUk } from "~/lib/periods/uk-date";
import { recordedCrimeByWard } from "./recorded-crime-by-ward";

export type PublicRecordedCrime = {
  period: string;
  wards: { code: string; name: string; crimes: number; antiSocialBehaviour: number; monthsLoaded: number; monthsInPeriod: number }[];
} | null;

/**
 * Recorded crime and anti-social behaviour per ward for the latest reporting period with any
 * month loaded, for the public JSON. These are data.police.uk's own public counts, placed in
 * wards, so no suppression applies; a period not fully loaded says how many months it holds.
 */
export async function publicRecordedCrime(db: Kysely<Database>): Promise<PublicRecordedCrime> {
  const latest = await db.selectFrom("recorded_crime_month")
    .innerJoin("recorded_crime_batch", "recorded_crime_batch.id", "recorded_crime_month.batch_id")
    .innerJoin("reporting_period", (join) => join.onRef("recorded_crime_month.month", ">=", "reporting_period.starts_on").onRef("recorded_crime_month.month", "<", "reporting_period.ends_before"))
    .select(["reporting_period.id", "reporting_period.label"])
    .where("recorded_crime_batch.status", "=", "committed")
    .orderBy("reporting_period.starts_on", "desc").limit(1).executeTakeFirst();
  if (latest === undefined) return null;
  const today = todayInUk();
  const wards = await db.selectFrom("ward").select(["id", "gss_code", "name"])
    .where("valid_from", "<=", today).where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", today)])).orderBy("name").execute();
  const figures = await recordedCrimeByWard(db, { wardIds: wards.map((w) => w.id), periodIds: [latest.id] });
  return {
    period: latest.label,
    wards: wards.map((w) => {
      const f = figures.find((x) => x.wardId === w.id);
      return { code: w.gss_code, name: w.name, crimes: f?.crimes ?? 0, antiSocialBehaviour: f?.antiSocialBehaviour ?? 0, monthsLoaded: f?.monthsLoaded ?? 0, monthsInPeriod: f?.monthsInPeriod ?? 3 };
    }),
  };
}
