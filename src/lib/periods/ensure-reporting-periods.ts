import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { readSettings } from "~/lib/settings/settings";
import { FINANCIAL_YEAR_START, reportingQuarterOf, reportingQuartersBetween } from "./financial-quarter";

/** Records every quarter of the reporting year from `from` up to the one holding `today`; idempotent. */
export async function ensureReportingPeriods(db: Kysely<Database>, from: string, today: string, yearStartMonth = FINANCIAL_YEAR_START): Promise<number> {
  const quarters = reportingQuartersBetween(from, today, yearStartMonth);
  if (quarters.length === 0) return 0;
  const inserted = await db
    .insertInto("reporting_period")
    .values(quarters.map((q) => ({ label: q.label, starts_on: q.startsOn, ends_before: q.endsBefore })))
    .onConflict((oc) => oc.column("starts_on").doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}

/**
 * The reporting period holding a date: the stored one, or (on the first day of a new quarter,
 * before any start-up has recorded it) the quarter of the partnership's reporting year, recorded now.
 */
export async function reportingPeriodIdFor(db: Kysely<Database>, date: string): Promise<number> {
  const stored = await db.selectFrom("reporting_period").select("id").where("starts_on", "<=", date).where("ends_before", ">", date).executeTakeFirst();
  if (stored !== undefined) return stored.id;
  const quarter = reportingQuarterOf(date, (await readSettings(db)).reportingYearStartMonth);
  await db.insertInto("reporting_period").values({ label: quarter.label, starts_on: quarter.startsOn, ends_before: quarter.endsBefore })
    .onConflict((oc) => oc.column("starts_on").doNothing()).execute();
  return (await db.selectFrom("reporting_period").select("id").where("starts_on", "=", quarter.startsOn).executeTakeFirstOrThrow()).id;
}
