import { sql, type Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { formatLongDate } from "./format-long-date";

export type ReportingPeriodRow = { id: number; label: string; from: string; to: string; responses: number };

/** Every reporting period, newest first, with its first and last day and how many responses it holds. */
export async function listReportingPeriods(db: Kysely<Database>): Promise<ReportingPeriodRow[]> {
  const rows = await db.selectFrom("reporting_period as p")
    .select(["p.id", "p.label", "p.starts_on", sql<string>`(p.ends_before - 1)::text`.as("last_day"),
      (eb) => eb.selectFrom("survey_response").select((s) => s.fn.countAll<number>().as("n")).whereRef("survey_response.reporting_period_id", "=", "p.id").as("responses")])
    .orderBy("p.starts_on", "desc").execute();
  return rows.map((r) => ({ id: r.id, label: r.label, from: formatLongDate(String(r.starts_on).slice(0, 10)), to: formatLongDate(r.last_day.slice(0, 10)), responses: Number(r.responses ?? 0) }));
}
