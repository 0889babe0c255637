import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  // Reports roll each response's answers up into a few bit masks and scores before counting
  // (src/lib/reports/response-rollups.ts). Answers never change once stored, so the roll-up is
  // kept rather than redone on every report: reading 1 row a response instead of 20 answers.
  // A layout is one arrangement of the indicators' bits (and the comparability grades counted);
  // changing an indicator makes a new layout, and layouts unused for a week are dropped.
  await db.schema
    .createTable("response_rollup_layout")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("last_used_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("response_rollup_layout_key", sql`key ~ '^[0-9a-f]{64}$'`)
    .execute();
  await db.schema
    .createTable("response_rollup")
    .addColumn("layout_key", "text", (c) => c.notNull().references("response_rollup_layout.key").onDelete("cascade"))
    .addColumn("survey_response_id", "bigint", (c) => c.notNull().references("survey_response.id").onDelete("cascade"))
    .addColumn("in_bits", sql`bigint[]`, (c) => c.notNull())
    .addColumn("yes_bits", sql`bigint[]`, (c) => c.notNull())
    .addColumn("scores", sql`integer[]`, (c) => c.notNull())
    .addColumn("age_option", "integer")
    .addColumn("sex_option", "integer")
    .addPrimaryKeyConstraint("response_rollup_pk", ["layout_key", "survey_response_id"])
    .execute();
  // Deleting a response (undo, retention) finds its roll-ups by this index.
  await db.schema.createIndex("response_rollup_response_idx").on("response_rollup").column("survey_response_id").execute();
}
