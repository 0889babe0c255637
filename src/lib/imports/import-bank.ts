import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { BankQuestion } from "~/lib/surveys/question-bank";

/** A bank question as the importer needs it: its wording and scale, and the ids answers are stored under. */
export type ImportableQuestion = { id: number; question: BankQuestion; optionIds: ReadonlyMap<string, number> };

/**
 * Every question in the bank, standard and local, with its options in order. Read from the
 * database rather than the shipped list so that an administrator's local questions can be mapped too.
 */
export async function loadImportableQuestions(db: Kysely<Database>): Promise<ImportableQuestion[]> {
  const [questions, options] = await Promise.all([
    db.selectFrom("question").selectAll().orderBy("id").execute(),
    db.selectFrom("response_option").selectAll().orderBy("question_id").orderBy("position").execute(),
  ]);
  return questions.map((q) => {
    const own = options.filter((o) => o.question_id === q.id);
    return {
      id: q.id,
      optionIds: new Map(own.map((o) => [o.key, o.id])),
      question: {
        key: q.key, text: q.text, textCy: q.text_cy, hint: q.hint, hintCy: q.hint_cy, topic: q.topic,
        answerType: q.answer_type, isNational: q.is_national, isAboutYou: q.is_about_you,
        options: own.map((o) => ({ key: o.key, label: o.label, labelCy: o.label_cy, score: o.score, isDontKnow: o.is_dont_know, isPreferNotToSay: o.is_prefer_not_to_say })),
      },
    };
  });
}
