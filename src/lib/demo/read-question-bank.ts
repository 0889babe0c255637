import type { Transaction } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { AskedQuestion } from "./generate-demo-responses";

export type BankIds = {
  /** Each bank question's option keys, in the order they are shown. */
  optionKeys: Map<string, string[]>;
  questionId: Map<string, number>;
  /** By `${questionKey}:${optionKey}`. */
  optionId: Map<string, number>;
};

/** The question bank's keys and ids, so made-up answers can be written by key. */
export async function readQuestionBank(trx: Transaction<Database>): Promise<BankIds> {
  const rows = await trx
    .selectFrom("response_option")
    .innerJoin("question", "question.id", "response_option.question_id")
    .select(["question.key as questionKey", "question.id as questionId", "response_option.key", "response_option.id"])
    .orderBy("response_option.position")
    .execute();
  const bank: BankIds = { optionKeys: new Map(), questionId: new Map(), optionId: new Map() };
  for (const row of rows) {
    bank.optionKeys.set(row.questionKey, [...(bank.optionKeys.get(row.questionKey) ?? []), row.key]);
    bank.questionId.set(row.questionKey, row.questionId);
    bank.optionId.set(`${row.questionKey}:${row.key}`, row.id);
  }
  return bank;
}

/** A survey version's questions in order, as stored (to copy) and as asked (to answer). */
export async function readSurveyQuestions(trx: Transaction<Database>, surveyVersionId: number, bank: BankIds) {
  const rows = await trx
    .selectFrom("survey_question")
    .innerJoin("question", "question.id", "survey_question.question_id")
    .leftJoin("response_option as condition", "condition.id", "survey_question.asked_if_option_id")
    .leftJoin("question as condition_question", "condition_question.id", "condition.question_id")
    .select([
      "survey_question.question_id", "survey_question.page_number", "survey_question.position", "survey_question.asked_if_option_id",
      "question.key", "condition.key as conditionOption", "condition_question.key as conditionQuestion",
    ])
    .where("survey_question.survey_version_id", "=", surveyVersionId)
    .orderBy("survey_question.position")
    .execute();
  const asked = rows.map((q): AskedQuestion => ({
    key: q.key,
    optionKeys: bank.optionKeys.get(q.key) ?? [],
    askedIf: q.conditionQuestion && q.conditionOption ? { questionKey: q.conditionQuestion, optionKey: q.conditionOption } : null,
  }));
  const stored = rows.map((q) => ({ question_id: q.question_id, page_number: q.page_number, position: q.position, asked_if_option_id: q.asked_if_option_id }));
  return { asked, stored };
}
