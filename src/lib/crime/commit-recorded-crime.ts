import { sql, type Kysely, type Transaction } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { takePendingUpload } from "~/lib/forms/pending-upload";
import { err, ok, type Result } from "~/lib/result";
import { describeRecordedCrimeUpload, type RecordedCrimePreview } from "./describe-recorded-crime-upload";
import { firstDayOf, monthOf, recordedCrimeUploadSchema } from "./recorded-crime-upload";
import type { StreetCrimeTally } from "./tally-street-crime";

export type RecordedCrimeLoaded = { batchId: number; force: string; months: string[]; rowsPlaced: number; replacedMonths: string[] };
export type RecordedCrimeCommitRefused =
  | { kind: "Expired" }
  /** The force's months are loaded already and the officer did not choose to replace them. */
  | { kind: "MonthsLoaded"; months: string[]; preview: RecordedCrimePreview };

const INSERT_CHUNK = 1000;

/**
 * Loads a previewed upload as one batch, in one transaction: the batch with its provenance, the
 * months it now holds for its force, and its counts by ward, month and crime type, with a
 * "recorded_crime_loaded" audit event; all of them or none.
 *
 * A month the force already has loaded is refused unless `replace` is true. Replacing moves the
 * month to the new batch in the same transaction: the old batch's counts for it stop counting,
 * and an old batch left with no months is marked "replaced" (by this batch), each with a
 * "recorded_crime_replaced" audit event. A batch keeping some months stays committed for them.
 * Undoing the new batch gives the months back (see undoRecordedCrimeBatch).
 * Loads are serialised by a transaction-level advisory lock, so two loads of the same month at
 * once cannot both see it free; the month table's key would refuse the second anyway.
 */
export async function commitRecordedCrime(
  db: Kysely<Database>,
  actor: { id: number; email: string },
  { uploadId, replace }: { uploadId: string; replace: boolean },
  now = new Date(),
): Promise<Result<RecordedCrimeLoaded, RecordedCrimeCommitRefused>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const parsed = recordedCrimeUploadSchema.safeParse(await takePendingUpload(trx, { id: uploadId, kind: "recorded_crime", userId: actor.id, now }));
      if (!parsed.success) return err({ kind: "Expired" as const });
      const tally: StreetCrimeTally = parsed.data;
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);

      const months = tally.months.map((m) => m.month);
      const held = await trx
        .selectFrom("recorded_crime_month")
        .select(["month", "batch_id"])
        .where("force", "=", tally.force)
        .where("month", "in", months.map(firstDayOf))
        .execute();
      // Thrown to roll back the taking of the upload, so the preview can be answered again.
      if (held.length > 0 && !replace) throw new KeepUpload(tally, held.map((row) => monthOf(String(row.month))).sort());

      const batchId = await insertBatch(trx, actor, tally);
      if (held.length > 0) await releaseMonths(trx, actor, tally.force, held.map((row) => ({ month: String(row.month), batchId: row.batch_id })), batchId, now);
      await trx.insertInto("recorded_crime_month").values(months.map((month) => ({ force: tally.force, month: firstDayOf(month), batch_id: batchId }))).execute();
      for (let at = 0; at < tally.counts.length; at += INSERT_CHUNK) {
        await trx
          .insertInto("recorded_crime_count")
          .values(tally.counts.slice(at, at + INSERT_CHUNK).map((c) => ({ batch_id: batchId, ward_id: c.wardId, month: firstDayOf(c.month), crime_type: c.crimeType, count: c.count })))
          .execute();
      }
      const replacedMonths = held.map((row) => monthOf(String(row.month))).sort();
      await recordAuditEvent(trx, {
        actor,
        action: "recorded_crime_loaded",
        object: { type: "recorded_crime_batch", id: batchId },
        detail: {
          force: tally.force, months: months.join(", "), files: tally.files.map((f) => f.name).join(", "),
          rowsRead: tally.rowsRead, rowsPlaced: tally.rowsPlaced, rowsWithoutLocation: tally.rowsWithoutLocation, rowsOutsideArea: tally.rowsOutsideArea,
          replacedMonths: replacedMonths.join(", ") || null,
        },
      });
      return ok({ batchId, force: tally.force, months, rowsPlaced: tally.rowsPlaced, replacedMonths });
    });
  } catch (error) {
    if (!(error instanceof KeepUpload)) throw error;
    return err({ kind: "MonthsLoaded", months: error.months, preview: await describeRecordedCrimeUpload(db, uploadId, error.tally) });
  }
}

// Any fixed number: the lock only has to be the same one for every load of recorded crime.
const LOCK_KEY = 7_301_710;

class KeepUpload extends Error {
  constructor(readonly tally: StreetCrimeTally, readonly months: string[]) {
    super("The months are loaded already and replacing them was not chosen");
  }
}

async function insertBatch(trx: Transaction<Database>, actor: { id: number }, tally: StreetCrimeTally): Promise<number> {
  const { id } = await trx
    .insertInto("recorded_crime_batch")
    .values({
      force: tally.force,
      months: tally.months.map((m) => m.month),
      file_names: tally.files.map((f) => f.name),
      file_sha256s: tally.files.map((f) => f.sha256),
      loaded_by: actor.id,
      rows_read: tally.rowsRead,
      rows_placed: tally.rowsPlaced,
      rows_without_location: tally.rowsWithoutLocation,
      rows_outside_area: tally.rowsOutsideArea,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Takes months from the batches holding them, noting who held each so an undo can give it back;
 * a batch left holding none is marked replaced.
 */
async function releaseMonths(
  trx: Transaction<Database>,
  actor: { id: number; email: string },
  force: string,
  held: { month: string; batchId: number }[],
  replacedBy: number,
  now: Date,
): Promise<void> {
  await trx.deleteFrom("recorded_crime_month").where("force", "=", force).where("month", "in", held.map((h) => h.month)).execute();
  await trx.insertInto("recorded_crime_month_replaced").values(held.map((h) => ({ replaced_by_batch_id: replacedBy, force, month: h.month, batch_id: h.batchId }))).execute();
  for (const batchId of [...new Set(held.map((h) => h.batchId))].sort((a, b) => a - b)) {
    const stillHeld = await trx.selectFrom("recorded_crime_month").select("month").where("batch_id", "=", batchId).executeTakeFirst();
    if (stillHeld === undefined) {
      await trx.updateTable("recorded_crime_batch").set({ status: "replaced", undone_at: now, undone_by: actor.id, replaced_by_batch_id: replacedBy }).where("id", "=", batchId).execute();
    }
    await recordAuditEvent(trx, {
      actor,
      action: "recorded_crime_replaced",
      object: { type: "recorded_crime_batch", id: batchId },
      detail: { force, months: held.filter((h) => h.batchId === batchId).map((h) => monthOf(h.month)).sort().join(", "), replacedBy, isWholeBatch: stillHeld === undefined },
    });
  }
}
