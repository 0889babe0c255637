import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

export type Period = { id: number; label: string; startsOn: string };
export type Pooling = "quarter" | "rolling_year";
export type ReportingWindow = { label: string; periods: Period[] };

export async function listPeriods(db: Kysely<Database>): Promise<Period[]> {
  const rows = await db.selectFrom("reporting_period").select(["id", "label", "starts_on"]).orderBy("starts_on").execute();
  return rows.map((r) => ({ id: r.id, label: r.label, startsOn: String(r.starts_on) }));
}

/**
 * The window a figure is built on, ending at `period`, and the window it is compared with. A
 * quarter is compared with the quarter before; a rolling year (four quarters pooled, so small
 * wards reach a publishable base) with the four quarters before it. Windows never overlap, so
 * the two samples are independent, as the test of change assumes.
 */
export function windowsEndingAt(periods: Period[], periodId: number, pooling: Pooling): { current: ReportingWindow; previous: ReportingWindow | null } | null {
  const index = periods.findIndex((p) => p.id === periodId);
  if (index === -1) return null;
  const size = pooling === "quarter" ? 1 : 4;
  const window = (end: number): ReportingWindow | null => {
    if (end < 0) return null;
    const chosen = periods.slice(Math.max(0, end - size + 1), end + 1);
    const label = chosen.length === 1 ? chosen[0]!.label : `${chosen.length} quarters to ${chosen.at(-1)!.label}`;
    return { label, periods: chosen };
  };
  return { current: window(index)!, previous: window(index - size) };
}

/** Every period the given windows cover, once each: what a report's counting query must read. */
export function periodIdsOf(windows: readonly (ReportingWindow | null | undefined)[]): number[] {
  return [...new Set(windows.flatMap((w) => w?.periods.map((p) => p.id) ?? []))];
}
