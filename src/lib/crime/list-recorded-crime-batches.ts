import type { Kysely } from "kysely";
import type { Database, RecordedCrimeBatchStatus } from "~/lib/db/schema";
import { isAntiSocialBehaviour } from "./crime-types";
import { monthOf } from "./recorded-crime-upload";

export type RecordedCrimeBatch = {
  id: number;
  force: string;
  /** 'YYYY-MM' months the batch was loaded with. */
  months: string[];
  /** The months still counted from it: all of them, fewer after a partial replacement, none once ended. */
  monthsCounted: string[];
  files: { name: string; sha256: string }[];
  loadedBy: { id: number | null; name: string | null };
  loadedAt: Date;
  rowsRead: number;
  rowsPlaced: number;
  rowsWithoutLocation: number;
  rowsOutsideArea: number;
  /** Placed rows as loaded, crimes and anti-social behaviour apart. */
  crimes: number;
  antiSocialBehaviour: number;
  status: RecordedCrimeBatchStatus;
  endedAt: Date | null;
  replacedBy: number | null;
};

export const HISTORY_LENGTH = 100;

/** The latest batches first, undone and replaced ones too, as the load history shows them. */
export async function listRecordedCrimeBatches(db: Kysely<Database>): Promise<RecordedCrimeBatch[]> {
  const rows = await db
    .selectFrom("recorded_crime_batch")
    .leftJoin("app_user", "app_user.id", "recorded_crime_batch.loaded_by")
    .selectAll("recorded_crime_batch")
    .select("app_user.display_name")
    .orderBy("recorded_crime_batch.id", "desc")
    .limit(HISTORY_LENGTH)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [held, totals] = await Promise.all([
    db.selectFrom("recorded_crime_month").select(["batch_id", "month"]).where("batch_id", "in", ids).orderBy("month").execute(),
    db.selectFrom("recorded_crime_count")
      .select((eb) => ["batch_id", "crime_type", eb.fn.sum<number>("count").as("total")])
      .where("batch_id", "in", ids)
      .groupBy(["batch_id", "crime_type"])
      .execute(),
  ]);
  return rows.map((row) => {
    const own = totals.filter((t) => t.batch_id === row.id);
    // sum() of an integer is bigint in PostgreSQL, read as a string or number: hence Number().
    const sum = (asb: boolean) => own.filter((t) => isAntiSocialBehaviour(t.crime_type) === asb).reduce((s, t) => s + Number(t.total), 0);
    return {
      id: row.id,
      force: row.force,
      months: row.months,
      monthsCounted: held.filter((h) => h.batch_id === row.id).map((h) => monthOf(String(h.month))),
      files: row.file_names.map((name, i) => ({ name, sha256: row.file_sha256s[i] ?? "" })),
      loadedBy: { id: row.loaded_by, name: row.display_name },
      loadedAt: row.created_at,
      rowsRead: row.rows_read,
      rowsPlaced: row.rows_placed,
      rowsWithoutLocation: row.rows_without_location,
      rowsOutsideArea: row.rows_outside_area,
      crimes: sum(false),
      antiSocialBehaviour: sum(true),
      status: row.status,
      endedAt: row.undone_at === null ? null : new Date(row.undone_at),
      replacedBy: row.replaced_by_batch_id,
    };
  });
}
