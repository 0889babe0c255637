import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { financialQuartersBetween } from "./financial-quarter";

/** Records every financial quarter from `from` up to the one holding `today`; idempotent. */
export async function ensureReportingPeriods(db: Kysely<Database>, from: string, today: string): Promise<number> {
  const quarters = financialQuartersBetween(from, today);
  if (quarters.length === 0) return 0;
  const inserted = await db
    .insertInto("reporting_period")
    .values(quarters.map((q) => ({ label: q.label, starts_on: q.startsOn, ends_before: q.endsBefore })))
    .onConflict((oc) => oc.column("starts_on").doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}
