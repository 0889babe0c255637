import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

export type UndoRefusal = "NotFound" | "NotYours" | "AlreadyUndone";

/**
 * Takes a batch back: its responses (and their answers) are deleted, so they leave every report
 * at once, while the batch stays in the history marked undone, with who and when, audit-logged.
 * Only the officer who imported it, or an administrator, may undo it.
 */
export async function undoImportBatch(db: Kysely<Database>, user: SessionUser, batchId: number): Promise<Result<{ responsesRemoved: number }, UndoRefusal>> {
  return db.transaction().execute(async (trx) => {
    const batch = await trx.selectFrom("import_batch").select(["id", "status", "imported_by", "original_file_name"]).where("id", "=", batchId).forUpdate().executeTakeFirst();
    if (batch === undefined) return err("NotFound" as const);
    if (user.role !== "administrator" && batch.imported_by !== user.id) return err("NotYours" as const);
    if (batch.status === "undone") return err("AlreadyUndone" as const);
    const removed = await trx.deleteFrom("survey_response").where("import_batch_id", "=", batchId).executeTakeFirst();
    const counts = await trx.deleteFrom("aggregate_count").where("import_batch_id", "=", batchId).executeTakeFirst();
    // An aggregate batch's "responses" are its count rows.
    const responsesRemoved = Number(removed.numDeletedRows) + Number(counts.numDeletedRows);
    await trx.updateTable("import_batch").set({ status: "undone", undone_at: new Date(), undone_by: user.id }).where("id", "=", batchId).execute();
    await recordAuditEvent(trx, {
      actor: user,
      action: "import_undone",
      object: { type: "import_batch", id: batchId },
      detail: { file: batch.original_file_name, responses_removed: responsesRemoved },
    });
    return ok({ responsesRemoved });
  });
}
