import { sql, type Kysely } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { readSettings, writeSetting } from "~/lib/settings/settings";
import { reportingQuartersBetween } from "./financial-quarter";

export type YearChangeRefusal = { code: "AggregateCounts" | "ImportInProgress"; message: string };
export type YearChanged = { periods: number; responsesMoved: number };

/**
 * Makes the reporting year start in another month: the quarters are recorded afresh from the
 * first period on record to today, and every response moves to the new quarter holding the day
 * it was given (kept to the hour, so nothing is guessed). All in one transaction, audit-logged.
 *
 * Refused while aggregate returns are stored, because a count for a whole old quarter cannot be
 * split between new ones (undo those batches, change the year, import them again), and while an
 * import is being checked or saved, because its staged rows already name a period.
 */
export async function changeReportingYearStart(db: Kysely<Database>, administrator: { id: number; email: string }, month: number, today: string): Promise<Result<YearChanged, YearChangeRefusal>> {
  return db.transaction().execute(async (trx) => {
    const before = (await readSettings(trx)).reportingYearStartMonth;
    if (before === month) return ok({ periods: 0, responsesMoved: 0 });
    if (await trx.selectFrom("aggregate_count").select("count").limit(1).executeTakeFirst()) {
      return err({ code: "AggregateCounts" as const, message: "Aggregate returns are stored. Their counts are for whole quarters and cannot be split between new ones: undo those batches, change the year, then import them again" });
    }
    if (await trx.selectFrom("import_job").select("id").where("status", "in", ["checking", "checked", "committing"]).limit(1).executeTakeFirst()) {
      return err({ code: "ImportInProgress" as const, message: "An import is being checked or saved. Finish or cancel it first, as its rows already name a period" });
    }
    const first = await trx.selectFrom("reporting_period").select((eb) => eb.fn.min("starts_on").as("from")).executeTakeFirst();
    const from = first?.from ? String(first.from).slice(0, 10) : today;
    const quarters = reportingQuartersBetween(from, today, month);

    // Labels are unique and the new ones may reuse an old quarter's label for other months, so
    // the old periods step aside first; a new quarter starting on an old one's day takes it over.
    await sql`update reporting_period set label = label || ' (before ' || id || ')'`.execute(trx);
    const kept = await trx.insertInto("reporting_period")
      .values(quarters.map((q) => ({ label: q.label, starts_on: q.startsOn, ends_before: q.endsBefore })))
      .onConflict((oc) => oc.column("starts_on").doUpdateSet((eb) => ({ label: eb.ref("excluded.label"), ends_before: eb.ref("excluded.ends_before") })))
      .returning("id").execute();
    const ids = kept.map((k) => k.id);
    const moved = await sql<{ moved: number }>`
      with moved as (
        update survey_response r set reporting_period_id = p.id
        from reporting_period p
        where p.id in (${sql.join(ids)})
          and p.starts_on <= (r.submitted_hour at time zone 'Europe/London')::date
          and p.ends_before > (r.submitted_hour at time zone 'Europe/London')::date
          and r.reporting_period_id <> p.id
        returning 1
      )
      select count(*)::int as moved from moved`.execute(trx);
    await trx.deleteFrom("import_staged_response").where("reporting_period_id", "not in", ids).execute();
    await trx.deleteFrom("reporting_period").where("id", "not in", ids).execute();
    await writeSetting(trx, "reportingYearStartMonth", month, administrator.id);
    const responsesMoved = Number(moved.rows[0]?.moved ?? 0);
    await recordAuditEvent(trx, {
      actor: administrator,
      action: "setting_changed",
      object: { type: "setting", id: "reportingYearStartMonth" },
      detail: { setting: "reportingYearStartMonth", oldValue: before, newValue: month, periods: ids.length, responsesMoved },
    });
    return ok({ periods: ids.length, responsesMoved });
  });
}
