import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database, IndicatorTable, QuestionTable, ResponseOptionTable } from "~/lib/db/schema";
import { STANDARD_QUESTIONS, type BankOption, type BankQuestion } from "./question-bank";
import { STANDARD_INDICATORS, type StandardIndicator } from "./standard-indicators";

export type SeededQuestionBank = { questionsAdded: number; optionsAdded: number; indicatorsAdded: number };

/**
 * Writes the standard questions and indicators into the question bank, in one transaction, and
 * can be run on every start-up. Each entry is written once, together with its parts: a question's
 * options only when the question itself is added, an indicator's questions and counted options
 * only when the indicator is added. After that the seed never touches them, so what an
 * administrator did since (a relabelled option, a counted option taken off an indicator, a Welsh
 * wording) survives a re-seed; a later change to the shipped bank reaches an existing database
 * through a migration or an administrator, not through this seed.
 *
 * Throws, writing nothing, when a question made by hand before the first seed has a standard key
 * but lacks an option a standard indicator counts: which scale is right is a person's decision.
 */
export async function seedQuestionBank(db: Kysely<Database>): Promise<SeededQuestionBank> {
  return db.transaction().execute(async (trx) => {
    const addedQuestions = await trx
      .insertInto("question")
      .values(STANDARD_QUESTIONS.map(toQuestionRow))
      .onConflict((oc) => oc.column("key").doNothing())
      .returning(["id", "key"])
      .execute();

    const optionRows = addedQuestions.flatMap(({ id, key }) => bankQuestion(key).options.map((o, i) => toOptionRow(id, o, i)));
    const addedOptions =
      optionRows.length === 0
        ? []
        : await trx
            .insertInto("response_option")
            .values(optionRows)
            .onConflict((oc) => oc.columns(["question_id", "key"]).doNothing())
            .returning("id")
            .execute();

    const addedIndicators = await trx
      .insertInto("indicator")
      .values(STANDARD_INDICATORS.map(toIndicatorRow))
      .onConflict((oc) => oc.column("key").doNothing())
      .returning(["id", "key"])
      .execute();
    await linkIndicators(trx, addedIndicators);

    return { questionsAdded: addedQuestions.length, optionsAdded: addedOptions.length, indicatorsAdded: addedIndicators.length };
  });
}

async function linkIndicators(trx: Transaction<Database>, added: { id: number; key: string }[]): Promise<void> {
  if (added.length === 0) return;
  const definitions = added.map(({ id, key }) => ({ id, definition: standardIndicator(key) }));
  const questionKeys = [...new Set(definitions.flatMap(({ definition }) => definition.questionKeys))];
  const questions = await trx.selectFrom("question").select(["id", "key"]).where("key", "in", questionKeys).execute();
  const questionIds = new Map(questions.map((q) => [q.key, q.id]));
  const options = await trx
    .selectFrom("response_option")
    .select(["id", "question_id", "key"])
    .where("question_id", "in", questions.map((q) => q.id))
    .execute();
  const optionIds = new Map(options.map((o) => [`${o.question_id}:${o.key}`, o.id]));

  const questionLinks: { indicator_id: number; question_id: number }[] = [];
  const countedLinks: { indicator_id: number; response_option_id: number }[] = [];
  for (const { id, definition } of definitions) {
    for (const questionKey of definition.questionKeys) {
      const questionId = questionIds.get(questionKey);
      if (questionId === undefined) throw new Error(`Standard indicator ${definition.key} uses question ${questionKey}, which is not in the bank.`);
      questionLinks.push({ indicator_id: id, question_id: questionId });
      for (const optionKey of definition.countedOptionKeys) {
        const optionId = optionIds.get(`${questionId}:${optionKey}`);
        if (optionId === undefined) {
          throw new Error(
            `Standard indicator ${definition.key} counts "${optionKey}" on question ${questionKey}, but the stored question has no such option. ` +
              `It was probably made by hand before the question bank was seeded: align its options with the standard scale, or rename its key.`,
          );
        }
        countedLinks.push({ indicator_id: id, response_option_id: optionId });
      }
    }
  }
  await trx
    .insertInto("indicator_question")
    .values(questionLinks)
    .onConflict((oc) => oc.columns(["indicator_id", "question_id"]).doNothing())
    .execute();
  if (countedLinks.length > 0) {
    await trx
      .insertInto("indicator_counted_option")
      .values(countedLinks)
      .onConflict((oc) => oc.columns(["indicator_id", "response_option_id"]).doNothing())
      .execute();
  }
}

function bankQuestion(key: string): BankQuestion {
  const question = STANDARD_QUESTIONS.find((q) => q.key === key);
  if (question === undefined) throw new Error(`Question ${key} was added by the seed but is not in the bank.`);
  return question;
}

function standardIndicator(key: string): StandardIndicator {
  const indicator = STANDARD_INDICATORS.find((i) => i.key === key);
  if (indicator === undefined) throw new Error(`Indicator ${key} was added by the seed but is not in the bank.`);
  return indicator;
}

function toQuestionRow(q: BankQuestion): Insertable<QuestionTable> {
  return {
    key: q.key,
    text: q.text,
    text_cy: q.textCy,
    hint: q.hint,
    hint_cy: q.hintCy,
    answer_type: q.answerType,
    topic: q.topic,
    is_national: q.isNational,
    is_about_you: q.isAboutYou,
  };
}

function toOptionRow(questionId: number, o: BankOption, index: number): Insertable<ResponseOptionTable> {
  return {
    question_id: questionId,
    key: o.key,
    label: o.label,
    label_cy: o.labelCy,
    position: index + 1,
    score: o.score,
    is_dont_know: o.isDontKnow,
    is_prefer_not_to_say: o.isPreferNotToSay,
  };
}

function toIndicatorRow(i: StandardIndicator): Insertable<IndicatorTable> {
  return { key: i.key, title: i.title, title_cy: null, calculation: i.calculation, settings: JSON.stringify(i.settings), is_national: i.isNational };
}
