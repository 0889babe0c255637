import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { cancelImport } from "./import-job-runner";

/**
 * An import left unsaved this long is given up: a partner's export on the server's disk holds
 * names, email addresses and free text that we promise never to keep, so it cannot wait there
 * for an officer who never comes back. A week covers a sick day and a weekend.
 */
export const ABANDONED_AFTER_DAYS = 7;

/**
 * Cancels every import not touched for ABANDONED_AFTER_DAYS that is still waiting on an officer
 * (being mapped, checked but not confirmed, or failed): its uploaded file, staged rows and
 * problem list are deleted, exactly as if the officer had pressed "Cancel". An import being
 * checked or saved is left alone, however old: the job runner owns it. Returns how many.
 */
export async function cancelAbandonedImports(db: Kysely<Database>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_AFTER_DAYS * 24 * 60 * 60 * 1000);
  const abandoned = await db.selectFrom("import_job").select("id")
    .where("status", "in", ["mapping", "checked", "failed"])
    .where("updated_at", "<", cutoff)
    .execute();
  let cancelled = 0;
  for (const job of abandoned) if (await cancelImport(db, job.id)) cancelled += 1;
  return cancelled;
}
