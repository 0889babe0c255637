import type { Kysely } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Role } from "~/lib/auth/roles";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { monthOf } from "./recorded-crime-upload";

export type RecordedCrimeUndone = { batchId: number; force: string; months: string[] };
export type RecordedCrimeUndoRefused = "BatchNotFound" | "AlreadyEnded" | "NotTheirs";

/**
 * Undoes a batch in one transaction: its months stop counting (they are free to load again) and
 * the batch stays in the history as undone, with its counts, when and by whom, and a
 * "recorded_crime_undone" audit event. Undoing a batch that replaced another does not bring the
 * other back: load its file again. An officer may undo only the batches they loaded; an
 * administrator any.
 */
export async function undoRecordedCrimeBatch(
  db: Kysely<Database>,
  actor: { id: number; email: string; role: Role },
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
    return ok({ batchId, force: batch.force, months });
  });
}
