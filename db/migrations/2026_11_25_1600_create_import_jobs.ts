import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  // One partner export on its way in: uploaded, mapped, checked (the dry run), then committed
  // or cancelled. Progress lives here, not in a process's memory, so any server process can show
  // it; `heartbeat_at` lets a process tell a running check from one whose process died.
  await db.schema
    .createTable("import_job")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("partner_source_id", "integer", (c) => c.notNull().references("partner_source.id"))
    .addColumn("created_by", "integer", (c) => c.notNull().references("app_user.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("original_file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("file_bytes", "bigint", (c) => c.notNull())
    // Where the upload waits on this server's disk until the job ends; deleted then.
    .addColumn("file_path", "text")
    .addColumn("file_format", "text", (c) => c.notNull())
    .addColumn("tool_recognised", "text", (c) => c.notNull())
    .addColumn("profile", "jsonb", (c) => c.notNull())
    .addColumn("mapping", "jsonb")
    .addColumn("template_applied", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("rows_total", "integer", (c) => c.notNull())
    .addColumn("rows_processed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("summary", "jsonb")
    .addColumn("failure", "text")
    .addColumn("import_batch_id", "integer", (c) => c.references("import_batch.id"))
    .addColumn("heartbeat_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("import_job_status", sql`status in ('mapping', 'checking', 'checked', 'committing', 'committed', 'failed', 'cancelled')`)
    .addCheckConstraint("import_job_format", sql`file_format in ('csv', 'xlsx')`)
    .addCheckConstraint("import_job_sha256_shape", sql`file_sha256 ~ '^[0-9a-f]{64}$'`)
    .execute();

  // Rows that passed the dry run, waiting for the officer to confirm. Reports never read these
  // tables; committing copies them into survey_response and answer in one transaction. Response
  // ids are taken from survey_response's own sequence here, so the copy needs no id mapping.
  await db.schema
    .createTable("import_staged_response")
    .addColumn("job_id", "integer", (c) => c.notNull().references("import_job.id").onDelete("cascade"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("response_id", "bigint", (c) => c.notNull())
    .addColumn("ward_id", "integer", (c) => c.notNull())
    .addColumn("reporting_period_id", "integer", (c) => c.notNull())
    .addColumn("partner_respondent_id", "text")
    .addColumn("submitted_hour", "timestamptz", (c) => c.notNull())
    .addColumn("question_ids", sql`integer[]`, (c) => c.notNull())
    .addColumn("response_option_ids", sql`integer[]`, (c) => c.notNull())
    .addColumn("comparabilities", sql`text[]`, (c) => c.notNull())
    .addPrimaryKeyConstraint("import_staged_response_pk", ["job_id", "row_number"])
    .execute();
  await db.schema
    .createIndex("import_staged_response_respondent_key")
    .on("import_staged_response")
    .columns(["job_id", "partner_respondent_id"])
    .unique()
    .where(sql.ref("partner_respondent_id"), "is not", null)
    .execute();

  // Every row the dry run could not use, with where and why, for the officer's problem list.
  await db.schema
    .createTable("import_problem")
    .addColumn("job_id", "integer", (c) => c.notNull().references("import_job.id").onDelete("cascade"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("column_title", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("import_problem_job_row_idx").on("import_problem").columns(["job_id", "row_number"]).execute();

  // A confirmed mapping, reapplied to the next export of the same shape from the same partner.
  await db.schema
    .createTable("import_template")
    .addColumn("partner_source_id", "integer", (c) => c.notNull().references("partner_source.id").onDelete("cascade"))
    .addColumn("shape_key", "text", (c) => c.notNull())
    .addColumn("mapping", "jsonb", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("import_template_pk", ["partner_source_id", "shape_key"])
    .execute();

  await db.schema.alterTable("import_batch").addColumn("undone_by", "integer", (c) => c.references("app_user.id")).execute();
  // The same file twice is refused; once its batch is undone the corrected import may go in.
  await db.schema
    .createIndex("import_batch_committed_file_key")
    .on("import_batch")
    .column("file_sha256")
    .unique()
    .where(sql.ref("status"), "=", "committed")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("import_batch_committed_file_key").execute();
  await db.schema.alterTable("import_batch").dropColumn("undone_by").execute();
  for (const table of ["import_template", "import_problem", "import_staged_response", "import_job"]) {
    await db.schema.dropTable(table).execute();
  }
}
