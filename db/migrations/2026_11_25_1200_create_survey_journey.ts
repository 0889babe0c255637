import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("survey_version")
    .addColumn("requires_access_code", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  // A question asked only of residents who chose an option earlier (car crime, of car owners).
  await db.schema
    .alterTable("survey_question")
    .addColumn("asked_if_option_id", "integer", (c) => c.references("response_option.id"))
    .execute();
  await db.schema
    .alterTable("survey_response")
    .addColumn("language", "text", (c) => c.notNull().defaultTo("en").check(sql`language in ('en', 'cy')`))
    .execute();

  // The area's rows of the ONS postcode lookup. A resident's postcode is looked up here and
  // forgotten: responses keep only the ward.
  await db.schema
    .createTable("postcode_ward")
    .addColumn("postcode", "text", (c) => c.primaryKey())
    .addColumn("ward_id", "integer", (c) => c.notNull().references("ward.id").onDelete("cascade"))
    .addCheckConstraint("postcode_ward_normalised", sql`postcode ~ '^[A-Z0-9]{5,7}$'`)
    .execute();
  await db.schema.createIndex("postcode_ward_ward_idx").on("postcode_ward").column("ward_id").execute();

  // Letters for push-to-web surveys carry a code; each answers once and is never tied to an address.
  await db.schema
    .createTable("access_code")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("used_at", "timestamptz")
    .execute();

  // A resident's answers between pages, kept against a random token in a cookie (only its hash
  // is stored). Submitting marks the draft submitted and empties it in the same transaction that
  // stores the response, so a double-click or a resubmitted form stores one response and the
  // second click still lands on the confirmation. Drafts are deleted 24 hours after they start.
  await db.schema
    .createTable("survey_draft")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("survey_version_id", "integer", (c) => c.notNull().references("survey_version.id").onDelete("cascade"))
    .addColumn("ward_id", "integer", (c) => c.references("ward.id").onDelete("set null"))
    .addColumn("access_code_id", "integer", (c) => c.references("access_code.id").onDelete("set null"))
    .addColumn("answers", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("language", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("submitted_at", "timestamptz")
    .addCheckConstraint("survey_draft_language", sql`language in ('en', 'cy')`)
    .execute();
  await db.schema.createIndex("survey_draft_expires_idx").on("survey_draft").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_draft").execute();
  await db.schema.dropTable("access_code").execute();
  await db.schema.dropTable("postcode_ward").execute();
  await db.schema.alterTable("survey_response").dropColumn("language").execute();
  await db.schema.alterTable("survey_question").dropColumn("asked_if_option_id").execute();
  await db.schema.alterTable("survey_version").dropColumn("requires_access_code").execute();
}
