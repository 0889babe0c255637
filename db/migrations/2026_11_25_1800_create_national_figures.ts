import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  // The latest Crime Survey for England and Wales figure for a standard indicator, as an
  // administrator copied it from the ONS publication: shown beside the local figure as context
  // from a different survey, never as a target. One per indicator; replacing it keeps no history
  // beyond the audit log, as the board only ever compares with the latest.
  await db.schema
    .createTable("national_figure")
    .addColumn("indicator_id", "integer", (c) => c.primaryKey().references("indicator.id").onDelete("cascade"))
    .addColumn("percent", "double precision", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_url", "text")
    .addColumn("recorded_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("national_figure_percent", sql`percent >= 0 and percent <= 100`)
    .addCheckConstraint("national_figure_period", sql`length(trim(period)) between 1 and 100`)
    .addCheckConstraint("national_figure_source", sql`length(trim(source)) between 1 and 300`)
    .addCheckConstraint("national_figure_source_url", sql`source_url is null or (source_url ~ '^https://' and length(source_url) <= 500)`)
    .execute();
}
