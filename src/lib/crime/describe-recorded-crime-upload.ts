import type { Kysely, Transaction } from "kysely";
import type { Database } from "~/lib/db/schema";
import { isAntiSocialBehaviour } from "./crime-types";
import { firstDayOf, monthOf } from "./recorded-crime-upload";
import type { MonthTally, StreetCrimeTally } from "./tally-street-crime";

export type LoadedMonth = { batchId: number; loadedAt: Date; loadedBy: string | null };
export type RecordedCrimePreview = {
  /** Posted back from the preview page to load what it shows. */
  uploadId: string;
  force: string;
  files: { name: string; rows: number }[];
  months: (MonthTally & { crimes: number; antiSocialBehaviour: number; loaded: LoadedMonth | null })[];
  wards: { gssCode: string; name: string; crimes: number; antiSocialBehaviour: number }[];
  totals: { rowsRead: number; rowsPlaced: number; rowsWithoutLocation: number; rowsOutsideArea: number; crimes: number; antiSocialBehaviour: number };
  /** 'YYYY-MM' months already counted for this force, which loading would replace. */
  monthsAlreadyLoaded: string[];
};

/**
 * What an upload holds, as the preview shows it: each month (with the batch it would replace,
 * if the force's month is loaded already) and each ward with anything placed in it, crimes and
 * anti-social behaviour apart.
 */
export async function describeRecordedCrimeUpload(
  db: Kysely<Database> | Transaction<Database>,
  uploadId: string,
  tally: StreetCrimeTally,
): Promise<RecordedCrimePreview> {
  const loadedRows = await db
    .selectFrom("recorded_crime_month")
    .innerJoin("recorded_crime_batch", "recorded_crime_batch.id", "recorded_crime_month.batch_id")
    .leftJoin("app_user", "app_user.id", "recorded_crime_batch.loaded_by")
    .select(["recorded_crime_month.month", "recorded_crime_batch.id", "recorded_crime_batch.created_at", "app_user.display_name"])
    .where("recorded_crime_month.force", "=", tally.force)
    .where("recorded_crime_month.month", "in", tally.months.map((m) => firstDayOf(m.month)))
    .execute();
  const loaded = new Map(loadedRows.map((row) => [monthOf(String(row.month)), { batchId: row.id, loadedAt: row.created_at, loadedBy: row.display_name }]));

  const wardIds = [...new Set(tally.counts.map((c) => c.wardId))];
  const wardRows = wardIds.length === 0 ? [] : await db.selectFrom("ward").select(["id", "gss_code", "name"]).where("id", "in", wardIds).execute();
  const wards = new Map(wardRows.map((ward) => [ward.id, { gssCode: ward.gss_code, name: ward.name, crimes: 0, antiSocialBehaviour: 0 }]));
  const byMonth = new Map(tally.months.map((m) => [m.month, { crimes: 0, antiSocialBehaviour: 0 }]));
  for (const count of tally.counts) {
    const field = isAntiSocialBehaviour(count.crimeType) ? "antiSocialBehaviour" : "crimes";
    const ward = wards.get(count.wardId);
    if (ward) ward[field] += count.count;
    const month = byMonth.get(count.month);
    if (month) month[field] += count.count;
  }
  const months = tally.months.map((m) => ({ ...m, ...byMonth.get(m.month)!, loaded: loaded.get(m.month) ?? null }));
  return {
    uploadId,
    force: tally.force,
    files: tally.files.map(({ name, rows }) => ({ name, rows })),
    months,
    wards: [...wards.values()].sort((a, b) => a.name.localeCompare(b.name, "en-GB") || a.gssCode.localeCompare(b.gssCode)),
    totals: {
      rowsRead: tally.rowsRead,
      rowsPlaced: tally.rowsPlaced,
      rowsWithoutLocation: tally.rowsWithoutLocation,
      rowsOutsideArea: tally.rowsOutsideArea,
      crimes: months.reduce((sum, m) => sum + m.crimes, 0),
      antiSocialBehaviour: months.reduce((sum, m) => sum + m.antiSocialBehaviour, 0),
    },
    monthsAlreadyLoaded: months.filter((m) => m.loaded !== null).map((m) => m.month),
  };
}
