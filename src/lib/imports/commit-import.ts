import { sql, type Kysely } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import type { CheckSummary } from "./check-import";

export type CommittedBatch = { batchId: number; rowsImported: number; rowsSkipped: number };
/** Where a commit has got to inside its transaction, for logs (and for the crash test, to kill it mid-way). */
export type CommitStage = "responses_copied";

/**
 * Copies a checked job's staged rows into survey_response and answer, with a batch holding the
 * provenance (partner source, tool, file name and SHA-256, mapping, who, counts), in ONE
 * transaction: a crash or a killed process part-way leaves no batch and no response. A row whose
 * respondent id was imported for the same partner source since the dry run is skipped and counted.
 * Two confirmations of one job cannot both commit: the job row is locked and must be 'committing'.
 */
export async function commitImport(db: Kysely<Database>, jobId: number, onStage: (stage: CommitStage) => void = () => {}): Promise<CommittedBatch> {
  return db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom("import_job").selectAll().where("id", "=", jobId).forUpdate().executeTakeFirstOrThrow();
    if (job.status !== "committing") throw new Error(`Import job ${jobId} is ${job.status}, not waiting to be committed`);
    const summary = job.summary as CheckSummary;
    if (summary.rowsToImport === 0) throw new Error("Every row has a problem or was imported before, so there is nothing to import");
    const same = await trx.selectFrom("import_batch").select("id").where("file_sha256", "=", job.file_sha256).where("status", "=", "committed").executeTakeFirst();
    if (same !== undefined) throw new Error(`This file was imported as batch ${same.id} while this one was being checked. Undo that batch first to import it again`);
    const batch = await trx
      .insertInto("import_batch")
      .values({
        partner_source_id: job.partner_source_id,
        kind: job.kind,
        tool_recognised: job.tool_recognised,
        original_file_name: job.original_file_name,
        file_sha256: job.file_sha256,
        mapping: JSON.stringify(job.mapping ?? {}),
        imported_by: job.created_by,
        rows_read: summary.rowsRead,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const inserted = job.kind === "aggregate" ? await sql<{ rows: number }>`
      with inserted as (
        insert into aggregate_count (import_batch_id, partner_source_id, ward_id, reporting_period_id, question_id, response_option_id, count, comparability)
        select ${batch.id}, ${job.partner_source_id}, s.ward_id, s.reporting_period_id, s.question_id, s.response_option_id, s.count, s.comparability
        from import_staged_count s where s.job_id = ${jobId}
        returning 1
      )
      select count(*)::int as rows from inserted`.execute(trx) : await sql<{ rows: number }>`
      with inserted as (
        insert into survey_response (id, channel, ward_id, reporting_period_id, partner_source_id, import_batch_id, partner_respondent_id, submitted_hour)
        select s.response_id, 'import', s.ward_id, s.reporting_period_id, ${job.partner_source_id}, ${batch.id}, s.partner_respondent_id, s.submitted_hour
        from import_staged_response s
        where s.job_id = ${jobId}
          and not exists (select 1 from survey_response r where r.partner_source_id = ${job.partner_source_id} and r.partner_respondent_id = s.partner_respondent_id)
        returning 1
      )
      select count(*)::int as rows from inserted`.execute(trx);
    onStage("responses_copied");
    await sql`
      insert into answer (survey_response_id, question_id, response_option_id, comparability)
      select s.response_id, unnest(s.question_ids), unnest(s.response_option_ids), unnest(s.comparabilities)
      from import_staged_response s
      join survey_response r on r.id = s.response_id and r.import_batch_id = ${batch.id}
      where s.job_id = ${jobId}`.execute(trx);
    const rowsImported = Number(inserted.rows[0]?.rows ?? 0);
    const rowsSkipped = summary.rowsRead - rowsImported;
    await trx.updateTable("import_batch").set({ rows_imported: rowsImported, rows_skipped: rowsSkipped }).where("id", "=", batch.id).execute();
    await trx.deleteFrom("import_staged_response").where("job_id", "=", jobId).execute();
    await trx.deleteFrom("import_staged_count").where("job_id", "=", jobId).execute();
    await trx.deleteFrom("import_problem").where("job_id", "=", jobId).execute();
    await trx.updateTable("import_job").set({ status: "committed", import_batch_id: batch.id, file_path: null, updated_at: new Date() }).where("id", "=", jobId).execute();
    const user = await trx.selectFrom("app_user").select(["id", "email"]).where("id", "=", job.created_by).executeTakeFirstOrThrow();
    await recordAuditEvent(trx, {
      actor: user,
      action: "import_committed",
      object: { type: "import_batch", id: batch.id },
      detail: { partner_source_id: job.partner_source_id, file: job.original_file_name, sha256: job.file_sha256, rows_imported: rowsImported, rows_skipped: rowsSkipped },
    });
    return { batchId: batch.id, rowsImported, rowsSkipped };
  });
}
