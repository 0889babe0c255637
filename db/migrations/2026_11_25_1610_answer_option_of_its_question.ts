import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
// An answer's option must be an option of the answer's question. Two separate keys (to question,
// to response_option) did not say so; one composite key does, and costs one check per answer
// instead of two, which matters when an import writes millions of answers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("response_option_id_question_key").on("response_option").columns(["id", "question_id"]).unique().execute();
  await sql`alter table answer
    add constraint answer_option_of_question_fkey foreign key (response_option_id, question_id) references response_option (id, question_id),
    drop constraint answer_question_id_fkey,
    drop constraint answer_response_option_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table answer
    add constraint answer_question_id_fkey foreign key (question_id) references question (id),
    add constraint answer_response_option_id_fkey foreign key (response_option_id) references response_option (id),
    drop constraint answer_option_of_question_fkey`.execute(db);
  await db.schema.dropIndex("response_option_id_question_key").execute();
}
