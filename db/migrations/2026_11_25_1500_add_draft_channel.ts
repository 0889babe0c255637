import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
// An officer keys in a paper questionnaire through the residents' own pages; the draft carries
// the channel and the partner source so the response is stored with that provenance.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("survey_draft")
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("web").check(sql`channel in ('web', 'paper')`))
    .addColumn("partner_source_id", "integer", (c) => c.references("partner_source.id").onDelete("cascade"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_draft").dropColumn("partner_source_id").dropColumn("channel").execute();
}
