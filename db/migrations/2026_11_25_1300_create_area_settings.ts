import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  // A CSP's own choices: suppression threshold, confidence level, retention. One row per setting,
  // so adding a setting needs no migration; the app parses each value with its own schema.
  await db.schema
    .createTable("setting")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
    .execute();

  // The wards a survey version covers; a version with none listed covers every ward.
  await db.schema
    .createTable("survey_version_ward")
    .addColumn("survey_version_id", "integer", (c) => c.notNull().references("survey_version.id").onDelete("cascade"))
    .addColumn("ward_id", "integer", (c) => c.notNull().references("ward.id"))
    .addPrimaryKeyConstraint("survey_version_ward_pk", ["survey_version_id", "ward_id"])
    .execute();

  // Which indicators a survey publishes on the public ward pages.
  await db.schema
    .createTable("survey_published_indicator")
    .addColumn("survey_id", "integer", (c) => c.notNull().references("survey.id").onDelete("cascade"))
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("indicator.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("survey_published_indicator_pk", ["survey_id", "indicator_id"])
    .execute();

  // Ward population by the bank's age bands and sex (ONS small area estimates, reduced), for
  // rim weighting. Keyed by the option keys of the age_band and sex questions.
  await db.schema
    .createTable("population_estimate")
    .addColumn("ward_id", "integer", (c) => c.notNull().references("ward.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("age_band", "text", (c) => c.notNull())
    .addColumn("sex", "text", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull().check(sql`population >= 0`))
    .addColumn("source", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("population_estimate_pk", ["ward_id", "year", "age_band", "sex"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["population_estimate", "survey_published_indicator", "survey_version_ward", "setting"]) {
    await db.schema.dropTable(table).execute();
  }
}
