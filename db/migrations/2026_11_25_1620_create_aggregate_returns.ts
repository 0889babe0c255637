import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
// Some partners send counts, not responses: so many people in a ward gave an answer to a question
// in a period. They are kept apart from survey_response, so no report can mistake a count for
// a person, and they come in and go out by import batch like responses do.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("import_job")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("responses").check(sql`kind in ('responses', 'aggregate')`))
    .execute();

  await db.schema
    .createTable("aggregate_count")
    .addColumn("import_batch_id", "integer", (c) => c.notNull().references("import_batch.id").onDelete("cascade"))
    .addColumn("partner_source_id", "integer", (c) => c.notNull().references("partner_source.id"))
    .addColumn("ward_id", "integer", (c) => c.notNull().references("ward.id"))
    .addColumn("reporting_period_id", "integer", (c) => c.notNull().references("reporting_period.id"))
    .addColumn("question_id", "integer", (c) => c.notNull())
    .addColumn("response_option_id", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().check(sql`count > 0`))
    .addColumn("comparability", "text", (c) => c.notNull().check(sql`comparability in ('same', 'equivalent', 'not_comparable')`))
    .addPrimaryKeyConstraint("aggregate_count_pk", ["import_batch_id", "ward_id", "reporting_period_id", "response_option_id"])
    .addForeignKeyConstraint("aggregate_count_option_of_question_fkey", ["response_option_id", "question_id"], "response_option", ["id", "question_id"])
    .execute();
  await db.schema.createIndex("aggregate_count_ward_period_idx").on("aggregate_count").columns(["ward_id", "reporting_period_id"]).execute();

  await db.schema
    .createTable("import_staged_count")
    .addColumn("job_id", "integer", (c) => c.notNull().references("import_job.id").onDelete("cascade"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("ward_id", "integer", (c) => c.notNull())
    .addColumn("reporting_period_id", "integer", (c) => c.notNull())
    .addColumn("question_id", "integer", (c) => c.notNull())
    .addColumn("response_option_id", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("comparability", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("import_staged_count_pk", ["job_id", "row_number"])
    .addUniqueConstraint("import_staged_count_cell_key", ["job_id", "ward_id", "reporting_period_id", "response_option_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_staged_count").execute();
  await db.schema.dropTable("aggregate_count").execute();
  await db.schema.alterTable("import_job").dropColumn("kind").execute();
}
