import type { Kysely, Transaction } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Role } from "~/lib/auth/roles";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { firstDayOf, monthOf } from "./recorded-crime-upload";

/** `restored`: the earlier loads whose figures count again for these months, in batch order. */
export type RecordedCrimeUndone = { batchId: number; force: string; months: string[]; restored: { batchId: number; months: string[] }[] };
export type RecordedCrimeUndoRefused = "BatchNotFound" | "AlreadyEnded" | "NotTheirs";

type Actor = { id: number; email: string; role: Role };

/**
 * Undoes a batch in one transaction: its months stop counting and the batch stays in the
 * history as undone, with its counts, when and by whom, and a "recorded_crime_undone" audit
 * event. A month the batch had replaced goes back to the load that held it before, which counts
 * again ("recorded_crime_restored"), unless that load was undone itself; any other month is free
 * to load again. An officer may undo only the batches they loaded; an administrator any.
 */
export async function undoRecordedCrimeBatch(
  db: Kysely<Database>,
  actor: Actor,
  batchId: number,
  now = new Date(),
): Promise<Result<RecordedCrimeUndone, RecordedCrimeUndoRefused>> {
  return db.transaction().execute(async (trx) => {
    const batch = await trx.selectFrom("recorded_crime_batch").select(["id", "force", "status", "loaded_by"]).where("id", "=", batchId).forUpdate().executeTakeFirst();
    if (batch === undefined) return err("BatchNotFound" as const);
    if (actor.role !== "administrator" && batch.loaded_by !== actor.id) return err("NotTheirs" as const);
    if (batch.status !== "committed") return err("AlreadyEnded" as const);
    const released = await trx.deleteFrom("recorded_crime_month").where("batch_id", "=", batchId).returning("month").execute();
    await trx.updateTable("recorded_crime_batch").set({ status: "undone", undone_at: now, undone_by: actor.id }).where("id", "=", batchId).execute();
    const months = released.map((row) => monthOf(String(row.month))).sort();
    await recordAuditEvent(trx, {
      actor,
      action: "recorded_crime_undone",
      object: { type: "recorded_crime_batch", id: batchId },
      detail: { force: batch.force, months: months.join(", ") },
    });
    const restored = await giveBackReplacedMonths(trx, actor, batchId, batch.force, months);
    return ok({ batchId, force: batch.force, months, restored });
  });
}

async function giveBackReplacedMonths(
  trx: Transaction<Database>,
  actor: Actor,
  undoneBatchId: number,
  force: string,
  releasedMonths: string[],
): Promise<RecordedCrimeUndone["restored"]> {
  const replaced = await trx.deleteFrom("recorded_crime_month_replaced").where("replaced_by_batch_id", "=", undoneBatchId).returning(["month", "batch_id"]).execute();
  const released = new Set(releasedMonths);
  const earlier = new Map<number, string[]>();
  for (const row of replaced) {
    const month = monthOf(String(row.month));
    // A month the undone batch had itself lost to a later load stays with that load.
    if (released.has(month)) earlier.set(row.batch_id, [...(earlier.get(row.batch_id) ?? []), month]);
  }
  const restored: RecordedCrimeUndone["restored"] = [];
  for (const [batchId, months] of [...earlier].sort(([a], [b]) => a - b)) {
    const previous = await trx.selectFrom("recorded_crime_batch").select("status").where("id", "=", batchId).forUpdate().executeTakeFirstOrThrow();
    if (previous.status === "undone") continue;
    months.sort();
    await trx.insertInto("recorded_crime_month").values(months.map((month) => ({ force, month: firstDayOf(month), batch_id: batchId }))).execute();
    if (previous.status === "replaced") {
      await trx.updateTable("recorded_crime_batch").set({ status: "committed", undone_at: null, undone_by: null, replaced_by_batch_id: null }).where("id", "=", batchId).execute();
    }
    await recordAuditEvent(trx, {
      actor,
      action: "recorded_crime_restored",
      object: { type: "recorded_crime_batch", id: batchId },
      detail: { force, months: months.join(", "), undoneBatch: undoneBatchId },
    });
    restored.push({ batchId, months });
  }
  return restored;
}
