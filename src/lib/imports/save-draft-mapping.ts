import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { DraftMapping } from "./import-mapping";

/** Keeps the officer's choices between the mapping pages; a checked job goes back to being mapped. */
export async function saveDraftMapping(db: Kysely<Database>, jobId: number, mapping: DraftMapping): Promise<boolean> {
  const result = await db.updateTable("import_job").set({ mapping: JSON.stringify(mapping), status: "mapping", updated_at: new Date() })
    .where("id", "=", jobId).where("status", "in", ["mapping", "checked", "failed"]).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
