import type { Kysely, Transaction } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { BANK_FILTERS } from "../bank-filters";
import type { SurveyForm } from "./survey-form";

export type SaveProblem = "SlugTaken" | "UnknownQuestion" | "UnknownWard" | "NotADraft" | "FilterNotBefore";

/** Creates a survey with its first version as a draft; nothing is public until it is published. */
export async function createSurvey(db: Kysely<Database>, administrator: SessionUser, form: SurveyForm): Promise<Result<string, SaveProblem>> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("survey").select("id").where("slug", "=", form.slug).executeTakeFirst();
    if (taken) return err("SlugTaken" as const);
    const survey = await trx.insertInto("survey").values({ slug: form.slug }).returning("id").executeTakeFirstOrThrow();
    const version = await trx.insertInto("survey_version").values({ survey_id: survey.id, version_number: 1, title: form.title }).returning("id").executeTakeFirstOrThrow();
    const written = await writeVersionContent(trx, version.id, form);
    if (!written.ok) throw new Rollback(written.error);
    await recordAuditEvent(trx, { actor: administrator, action: "survey_created", object: { type: "survey", id: form.slug } });
    return ok(form.slug);
  }).catch(rollbackToResult);
}

/** Changes a draft version; a published version never changes (it may already have answers). */
export async function updateDraftVersion(db: Kysely<Database>, administrator: SessionUser, versionId: number, form: Omit<SurveyForm, "slug">): Promise<Result<void, SaveProblem>> {
  return db.transaction().execute(async (trx) => {
    const version = await trx.selectFrom("survey_version").select("status").where("id", "=", versionId).forUpdate().executeTakeFirst();
    if (version?.status !== "draft") return err("NotADraft" as const);
    const written = await writeVersionContent(trx, versionId, form);
    if (!written.ok) throw new Rollback(written.error);
    await recordAuditEvent(trx, { actor: administrator, action: "survey_version_drafted", object: { type: "survey_version", id: versionId } });
    return ok(undefined);
  }).catch(rollbackToResult);
}

async function writeVersionContent(trx: Transaction<Database>, versionId: number, form: Omit<SurveyForm, "slug">): Promise<Result<void, SaveProblem>> {
  await trx
    .updateTable("survey_version")
    .set({
      title: form.title,
      title_cy: form.titleCy,
      introduction: form.introduction,
      introduction_cy: form.introductionCy,
      privacy_notice: form.privacyNotice,
      privacy_notice_cy: form.privacyNoticeCy,
      opens_at: form.opensOn ? new Date(`${form.opensOn}T00:00:00Z`) : null,
      closes_at: form.closesOn ? new Date(`${form.closesOn}T00:00:00Z`) : null,
      requires_access_code: form.requiresAccessCode,
    })
    .where("id", "=", versionId)
    .execute();
  await trx.deleteFrom("survey_version_ward").where("survey_version_id", "=", versionId).execute();
  if (form.wardCodes.length > 0) {
    const wards = await trx.selectFrom("ward").select("id").where("gss_code", "in", form.wardCodes).where("valid_to", "is", null).execute();
    if (wards.length !== new Set(form.wardCodes).size) return err("UnknownWard");
    await trx.insertInto("survey_version_ward").values(wards.map((w) => ({ survey_version_id: versionId, ward_id: w.id }))).execute();
  }
  const keys = Object.keys(form.questions);
  const questions = await trx.selectFrom("question").select(["id", "key"]).where("key", "in", keys).orderBy("id").execute();
  if (questions.length !== keys.length) return err("UnknownQuestion");
  await trx.deleteFrom("survey_question").where("survey_version_id", "=", versionId).execute();
  // Pages are renumbered 1, 2, 3… in the order chosen; within a page, questions keep bank order.
  const pageNumbers = [...new Set(Object.values(form.questions))].sort((a, b) => a - b);
  const ordered = [...questions].sort((a, b) => form.questions[a.key]! - form.questions[b.key]! || a.id - b.id);
  const filters = Object.entries(BANK_FILTERS).filter(([key, filter]) => key in form.questions && filter.questionKey in form.questions);
  // Without JavaScript a page cannot react to its own answers, so the filter must come first.
  if (filters.some(([key, filter]) => form.questions[key]! <= form.questions[filter.questionKey]!)) return err("FilterNotBefore");
  const conditions = new Map<string, number>();
  for (const [key, filter] of filters) {
    const option = await trx
      .selectFrom("response_option")
      .innerJoin("question", "question.id", "response_option.question_id")
      .select("response_option.id")
      .where("question.key", "=", filter.questionKey)
      .where("response_option.key", "=", filter.optionKey)
      .executeTakeFirst();
    if (option) conditions.set(key, option.id);
  }
  await trx
    .insertInto("survey_question")
    .values(ordered.map((q, index) => ({
      survey_version_id: versionId,
      question_id: q.id,
      page_number: pageNumbers.indexOf(form.questions[q.key]!) + 1,
      position: index + 1,
      asked_if_option_id: conditions.get(q.key) ?? null,
    })))
    .execute();
  return ok(undefined);
}

class Rollback extends Error {
  constructor(readonly problem: SaveProblem) {
    super(problem);
  }
}

function rollbackToResult(error: unknown): Result<never, SaveProblem> {
  if (error instanceof Rollback) return err(error.problem);
  throw error;
}
