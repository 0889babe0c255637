import type { Insertable, Transaction } from "kysely";
import type { Comparability, Database, SurveyResponseTable } from "~/lib/db/schema";

export type DemoResponseRow = {
  response: Insertable<SurveyResponseTable>;
  answers: { question_id: number; response_option_id: number; comparability: Comparability }[];
};

// 500 responses a statement, and their answers in statements of at most 12,000 rows (48,000
// bind parameters, under PostgreSQL's 65,535), make a few dozen round trips in all. Passing
// the answers as four arrays to unnest() instead measured no faster on PGlite: the time goes
// in the answer table's indexes and foreign-key checks, not in parsing.
const RESPONSES_PER_STATEMENT = 500;
const ANSWERS_PER_STATEMENT = 12_000;

/** Inserts responses and their answers in multi-row statements; returns the answers stored. */
export async function insertDemoResponses(trx: Transaction<Database>, rows: readonly DemoResponseRow[]): Promise<number> {
  let answersStored = 0;
  for (let start = 0; start < rows.length; start += RESPONSES_PER_STATEMENT) {
    const chunk = rows.slice(start, start + RESPONSES_PER_STATEMENT);
    // PostgreSQL returns the ids of a multi-row VALUES insert in the order of its rows (as
    // Django's bulk_create also relies on); the length check catches a short count.
    const ids = await trx.insertInto("survey_response").values(chunk.map((r) => r.response)).returning("id").execute();
    if (ids.length !== chunk.length) throw new Error(`Expected ${chunk.length} demo responses stored, got ${ids.length}`);
    const answers = chunk.flatMap((row, i) => row.answers.map((a) => ({ ...a, survey_response_id: ids[i]!.id })));
    for (let from = 0; from < answers.length; from += ANSWERS_PER_STATEMENT) {
      await trx.insertInto("answer").values(answers.slice(from, from + ANSWERS_PER_STATEMENT)).execute();
    }
    answersStored += answers.length;
  }
  return answersStored;
}
