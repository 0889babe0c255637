import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("local_area")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("gss_code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("partnership_name", "text", (c) => c.notNull())
    // Open Government Licence attribution that must travel with the ward boundaries.
    .addColumn("boundary_attribution", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A ward is its GSS code *and* its boundary vintage: boundary reviews recode or redraw wards,
  // and older responses must keep the ward they were given.
  await db.schema
    .createTable("ward")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("local_area_id", "integer", (c) => c.notNull().references("local_area.id"))
    .addColumn("gss_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_cy", "text")
    .addColumn("boundary", "jsonb", (c) => c.notNull())
    .addColumn("valid_from", "date", (c) => c.notNull())
    .addColumn("valid_to", "date")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("ward_gss_code_valid_from_key", ["gss_code", "valid_from"])
    .addCheckConstraint("ward_validity_order", sql`valid_to is null or valid_to > valid_from`)
    .addCheckConstraint("ward_gss_code_shape", sql`gss_code ~ '^[EWSN][0-9]{8}$'`)
    .execute();
  await db.schema.createIndex("ward_local_area_idx").on("ward").column("local_area_id").execute();

  await db.schema
    .createTable("reporting_period")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull().unique())
    .addColumn("starts_on", "date", (c) => c.notNull().unique())
    .addColumn("ends_before", "date", (c) => c.notNull())
    .addCheckConstraint("reporting_period_order", sql`ends_before > starts_on`)
    .execute();

  await db.schema
    .createTable("question")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("text_cy", "text")
    .addColumn("hint", "text")
    .addColumn("hint_cy", "text")
    .addColumn("answer_type", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("is_national", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("is_about_you", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("question_answer_type", sql`answer_type in ('single', 'multiple')`)
    .execute();

  await db.schema
    .createTable("response_option")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("question_id", "integer", (c) => c.notNull().references("question.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("label_cy", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("score", "integer")
    .addColumn("is_dont_know", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("is_prefer_not_to_say", "boolean", (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint("response_option_question_key", ["question_id", "key"])
    .execute();

  await db.schema
    .createTable("indicator")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_cy", "text")
    .addColumn("calculation", "text", (c) => c.notNull())
    .addColumn("settings", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("is_national", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "indicator_calculation",
      sql`calculation in ('share_of_options', 'any_question_option', 'score_at_least')`,
    )
    .execute();

  await db.schema
    .createTable("indicator_question")
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("indicator.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("question.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("indicator_question_pk", ["indicator_id", "question_id"])
    .execute();

  // The options that count as "yes" for an indicator, e.g. Very or fairly safe.
  await db.schema
    .createTable("indicator_counted_option")
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("indicator.id").onDelete("cascade"))
    .addColumn("response_option_id", "integer", (c) => c.notNull().references("response_option.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("indicator_counted_option_pk", ["indicator_id", "response_option_id"])
    .execute();

  await db.schema
    .createTable("partner_source")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("agency", "text", (c) => c.notNull())
    .addColumn("tool", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("survey")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("survey_slug_shape", sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
    .execute();

  // Publishing freezes a version; editing a published survey makes a new version.
  await db.schema
    .createTable("survey_version")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_cy", "text")
    .addColumn("introduction", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("introduction_cy", "text")
    .addColumn("privacy_notice", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("privacy_notice_cy", "text")
    .addColumn("opens_at", "timestamptz")
    .addColumn("closes_at", "timestamptz")
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("survey_version_number_key", ["survey_id", "version_number"])
    .addCheckConstraint("survey_version_status", sql`status in ('draft', 'published', 'closed')`)
    .addCheckConstraint("survey_version_dates", sql`closes_at is null or opens_at is null or closes_at > opens_at`)
    .execute();

  await db.schema
    .createTable("survey_question")
    .addColumn("survey_version_id", "integer", (c) => c.notNull().references("survey_version.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("question.id"))
    .addColumn("page_number", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_question_pk", ["survey_version_id", "question_id"])
    .execute();

  await db.schema
    .createTable("import_batch")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("partner_source_id", "integer", (c) => c.notNull().references("partner_source.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("tool_recognised", "text", (c) => c.notNull())
    .addColumn("original_file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("mapping", "jsonb", (c) => c.notNull())
    .addColumn("imported_by", "integer")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("committed"))
    .addColumn("rows_read", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rows_imported", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rows_skipped", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("undone_at", "timestamptz")
    .addCheckConstraint("import_batch_kind", sql`kind in ('responses', 'aggregate')`)
    .addCheckConstraint("import_batch_status", sql`status in ('committed', 'undone')`)
    .addCheckConstraint("import_batch_sha256_shape", sql`file_sha256 ~ '^[0-9a-f]{64}$'`)
    .execute();

  // One kind of row for every response, whatever its channel: the provenance columns say where it
  // came from, and the checks keep them consistent, so reports never need a second code path.
  await db.schema
    .createTable("survey_response")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("ward_id", "integer", (c) => c.notNull().references("ward.id"))
    .addColumn("reporting_period_id", "integer", (c) => c.notNull().references("reporting_period.id"))
    .addColumn("survey_version_id", "integer", (c) => c.references("survey_version.id"))
    .addColumn("partner_source_id", "integer", (c) => c.references("partner_source.id"))
    .addColumn("import_batch_id", "integer", (c) => c.references("import_batch.id").onDelete("cascade"))
    .addColumn("partner_respondent_id", "text")
    // Rounded to the hour on the way in: an exact time could help identify a resident.
    .addColumn("submitted_hour", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("survey_response_channel", sql`channel in ('web', 'paper', 'import')`)
    .addCheckConstraint(
      "survey_response_provenance",
      sql`(channel = 'web' and survey_version_id is not null and partner_source_id is null and import_batch_id is null)
       or (channel = 'paper' and survey_version_id is not null and partner_source_id is not null and import_batch_id is null)
       or (channel = 'import' and partner_source_id is not null and import_batch_id is not null)`,
    )
    .addCheckConstraint("survey_response_hour", sql`submitted_hour = date_trunc('hour', submitted_hour)`)
    .execute();
  await db.schema.createIndex("survey_response_ward_period_idx").on("survey_response").columns(["ward_id", "reporting_period_id"]).execute();
  await db.schema.createIndex("survey_response_import_batch_idx").on("survey_response").column("import_batch_id").execute();
  await db.schema
    .createIndex("survey_response_partner_respondent_key")
    .on("survey_response")
    .columns(["partner_source_id", "partner_respondent_id"])
    .unique()
    .where(sql.ref("partner_respondent_id"), "is not", null)
    .execute();

  await db.schema
    .createTable("answer")
    .addColumn("survey_response_id", "bigint", (c) => c.notNull().references("survey_response.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("question.id"))
    .addColumn("response_option_id", "integer", (c) => c.notNull().references("response_option.id"))
    .addColumn("comparability", "text", (c) => c.notNull().defaultTo("same"))
    .addPrimaryKeyConstraint("answer_pk", ["survey_response_id", "response_option_id"])
    .addCheckConstraint("answer_comparability", sql`comparability in ('same', 'equivalent', 'not_comparable')`)
    .execute();
  await db.schema.createIndex("answer_question_option_idx").on("answer").columns(["question_id", "response_option_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "answer", "survey_response", "import_batch", "survey_question", "survey_version", "survey",
    "partner_source", "indicator_counted_option", "indicator_question", "indicator", "response_option",
    "question", "reporting_period", "ward", "local_area",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
