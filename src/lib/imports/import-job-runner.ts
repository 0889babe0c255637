import { rmSync } from "node:fs";
import { sql, type Kysely } from "kysely";
import type { Database, ImportJobStatus } from "~/lib/db/schema";
import { checkAggregateReturn } from "./check-aggregate-return";
import { checkImport, clearStaging } from "./check-import";
import { commitImport, type CommitStage } from "./commit-import";
import type { ImportMapping } from "./import-mapping";
import { saveTemplate, shapeKey } from "./import-template";
import type { ExportProfile } from "./profile-export";
import { warmReportRollups } from "~/lib/reports/warm-rollups";

// A running job writes its heartbeat at least this often; one silent for STALE_AFTER has lost its process.
const HEARTBEAT_MS = 15_000;
export const STALE_AFTER_MS = 120_000;

/** A job's work started in the background; `done` settles when it has finished, for tests and commands. */
export type Started = { started: boolean; done: Promise<void> };

/**
 * Saves the officer's mapping and starts the dry run in the background, so the officer's page can
 * show progress instead of waiting. Returns started: false if the job was not in a state to check
 * (already checking, committing, or finished), which a double-clicked button does.
 */
export async function beginCheck(db: Kysely<Database>, jobId: number, mapping: ImportMapping): Promise<Started> {
  const claimed = await claim(db, jobId, ["mapping", "checked", "failed"], "checking", { mapping: JSON.stringify(mapping), summary: null, failure: null, rows_processed: 0 });
  if (!claimed) return { started: false, done: Promise.resolve() };
  // The mapping the officer settled on is what the next export of this shape starts from.
  const job = await db.selectFrom("import_job").select(["partner_source_id", "profile", "created_by"]).where("id", "=", jobId).executeTakeFirstOrThrow();
  await saveTemplate(db, job.partner_source_id, shapeKey(job.profile as ExportProfile), mapping, job.created_by);
  return {
    started: true,
    done: run(db, jobId, async () => {
      const summary = await checkImport(db, jobId);
      await db.updateTable("import_job").set({ status: "checked", summary: JSON.stringify(summary), updated_at: new Date() }).where("id", "=", jobId).execute();
    }, async (message) => {
      await clearStaging(db, jobId);
      await db.updateTable("import_job").set({ status: "failed", failure: message, updated_at: new Date() }).where("id", "=", jobId).execute();
    }),
  };
}

/** Starts the dry run of an aggregate return, whose columns need no mapping; see checkAggregateReturn. */
export async function beginAggregateCheck(db: Kysely<Database>, jobId: number): Promise<Started> {
  const claimed = await claim(db, jobId, ["mapping", "checked", "failed"], "checking", { summary: null, failure: null, rows_processed: 0 });
  if (!claimed) return { started: false, done: Promise.resolve() };
  return {
    started: true,
    done: run(db, jobId, async () => {
      const summary = await checkAggregateReturn(db, jobId);
      await db.updateTable("import_job").set({ status: "checked", summary: JSON.stringify(summary), updated_at: new Date() }).where("id", "=", jobId).execute();
    }, async (message) => {
      await clearStaging(db, jobId);
      await db.updateTable("import_job").set({ status: "failed", failure: message, updated_at: new Date() }).where("id", "=", jobId).execute();
    }),
  };
}

/** Starts committing a checked job in the background; see commitImport. */
export async function beginCommit(db: Kysely<Database>, jobId: number, onStage?: (stage: CommitStage) => void): Promise<Started> {
  const claimed = await claim(db, jobId, ["checked"], "committing", { failure: null });
  if (!claimed) return { started: false, done: Promise.resolve() };
  return {
    started: true,
    done: run(db, jobId, async () => {
      const { filePath } = await db.selectFrom("import_job").select("file_path as filePath").where("id", "=", jobId).executeTakeFirstOrThrow();
      const { batchId } = await commitImport(db, jobId, onStage);
      if (filePath !== null) rmSync(filePath, { force: true });
      // The batch is saved; rolling its responses up for the reports now spares the first board
      // member to open them the wait. A failure here loses nothing: the report rolls them up itself.
      const periods = await db.selectFrom("survey_response").select("reporting_period_id").distinct().where("import_batch_id", "=", batchId).execute();
      await warmReportRollups(db, periods.map((p) => p.reporting_period_id)).catch((error) => console.error(`Rolling up import batch ${batchId} for reports failed: ${error instanceof Error ? error.message : String(error)}`));
    }, async (message) => {
      // The transaction rolled back, so the staged rows are intact: the officer can confirm again.
      await db.updateTable("import_job").set({ status: "checked", failure: message, updated_at: new Date() }).where("id", "=", jobId).execute();
    }),
  };
}

/** Ends a job that will not be committed, and deletes its file and staged rows. */
export async function cancelImport(db: Kysely<Database>, jobId: number): Promise<boolean> {
  const job = await db.selectFrom("import_job").select("file_path").where("id", "=", jobId).executeTakeFirst();
  const claimed = await claim(db, jobId, ["mapping", "checked", "failed"], "cancelled", { file_path: null });
  if (!claimed) return false;
  await clearStaging(db, jobId);
  if (job?.file_path) rmSync(job.file_path, { force: true });
  return true;
}

/**
 * Puts right the jobs whose process died (a restart, a crash, a kill): a dry run that stopped is
 * marked failed, to be checked again; a commit that stopped rolled back with its transaction, so
 * its job goes back to 'checked' for the officer to confirm again. With PGlite only one process
 * can use the database, so at start-up every such job is known to be orphaned (`staleAfterMs` 0).
 */
export async function recoverInterruptedImports(db: Kysely<Database>, staleAfterMs = STALE_AFTER_MS): Promise<number> {
  const cutoff = new Date(Date.now() - staleAfterMs);
  const stale = await db.selectFrom("import_job").select(["id", "status"]).where("status", "in", ["checking", "committing"])
    .where((eb) => eb.or([eb("heartbeat_at", "is", null), eb("heartbeat_at", "<", cutoff)])).execute();
  for (const job of stale) {
    if (job.status === "checking") {
      await clearStaging(db, job.id);
      await db.updateTable("import_job").set({ status: "failed", failure: "The check stopped before it finished because the server restarted. Check the file again", updated_at: new Date() })
        .where("id", "=", job.id).where("status", "=", "checking").execute();
    } else {
      await db.updateTable("import_job").set({ status: "checked", failure: "Saving stopped before it finished because the server restarted. Nothing was saved: confirm the import again", updated_at: new Date() })
        .where("id", "=", job.id).where("status", "=", "committing").execute();
    }
  }
  return stale.length;
}

async function claim(db: Kysely<Database>, jobId: number, from: ImportJobStatus[], to: ImportJobStatus, extra: Record<string, unknown>): Promise<boolean> {
  const result = await db.updateTable("import_job").set({ ...extra, status: to, heartbeat_at: new Date(), updated_at: new Date() })
    .where("id", "=", jobId).where("status", "in", from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function run(db: Kysely<Database>, jobId: number, work: () => Promise<void>, onFailure: (message: string) => Promise<void>): Promise<void> {
  const heartbeat = setInterval(() => {
    void db.updateTable("import_job").set({ heartbeat_at: sql<Date>`now()` }).where("id", "=", jobId).execute().catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Import job ${jobId} failed: ${message}`);
    await onFailure(message).catch(() => undefined);
  } finally {
    clearInterval(heartbeat);
  }
}
