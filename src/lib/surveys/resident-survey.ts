import type { Kysely } from "kysely";
import type { Database, Language } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

export type SurveyOption = { id: number; key: string; label: string; labelCy: string | null };
export type SurveyQuestion = {
  id: number;
  key: string;
  text: string;
  textCy: string | null;
  hint: string | null;
  hintCy: string | null;
  answerType: "single" | "multiple";
  /** "About you" questions are optional; every other question has a "Don't know". */
  isRequired: boolean;
  askedIf: { questionKey: string; optionKey: string } | null;
  options: SurveyOption[];
};
export type SurveyPage = { number: number; topic: string; questions: SurveyQuestion[] };
export type ResidentSurvey = {
  surveyId: number;
  versionId: number;
  slug: string;
  title: string;
  titleCy: string | null;
  introduction: string;
  introductionCy: string | null;
  privacyNotice: string;
  privacyNoticeCy: string | null;
  requiresAccessCode: boolean;
  /** The wards whose residents may answer; null for every ward. */
  wardIds: number[] | null;
  pages: SurveyPage[];
};
export type SurveyUnavailable = "SurveyNotFound" | "SurveyNotOpenYet" | "SurveyClosed";

// A published version never changes, so its questions are read once per database.
const questionsByDatabase = new WeakMap<Kysely<Database>, Map<number, Promise<SurveyPage[]>>>();

/** The survey a resident answers: the newest published version of the survey with this slug. */
export async function findSurveyForResident(db: Kysely<Database>, slug: string, now: Date): Promise<Result<ResidentSurvey, SurveyUnavailable>> {
  const version = await db
    .selectFrom("survey_version")
    .innerJoin("survey", "survey.id", "survey_version.survey_id")
    .selectAll("survey_version")
    .select("survey.slug")
    .where("survey.slug", "=", slug)
    .where("survey_version.status", "in", ["published", "closed"])
    .orderBy("survey_version.version_number", "desc")
    .executeTakeFirst();
  if (!version) return err("SurveyNotFound");
  if (version.opens_at && version.opens_at.getTime() > now.getTime()) return err("SurveyNotOpenYet");
  if (version.status === "closed" || (version.closes_at && version.closes_at.getTime() <= now.getTime())) return err("SurveyClosed");

  let questionsByVersion = questionsByDatabase.get(db);
  if (!questionsByVersion) questionsByDatabase.set(db, (questionsByVersion = new Map()));
  let pages = questionsByVersion.get(version.id);
  if (!pages) {
    const cache = questionsByVersion;
    pages = readQuestionPages(db, version.id);
    cache.set(version.id, pages);
    pages.catch(() => cache.delete(version.id));
  }
  return ok({
    surveyId: version.survey_id,
    versionId: version.id,
    slug: version.slug,
    title: version.title,
    titleCy: version.title_cy,
    introduction: version.introduction,
    introductionCy: version.introduction_cy,
    privacyNotice: version.privacy_notice,
    privacyNoticeCy: version.privacy_notice_cy,
    requiresAccessCode: version.requires_access_code,
    wardIds: await coveredWards(db, version.id),
    pages: await pages,
  });
}

/** A version's questions grouped into pages; for a draft too, as its preview shows it. */
export async function readQuestionPages(db: Kysely<Database>, versionId: number): Promise<SurveyPage[]> {
  const questions = await db
    .selectFrom("survey_question")
    .innerJoin("question", "question.id", "survey_question.question_id")
    .leftJoin("response_option as condition_option", "condition_option.id", "survey_question.asked_if_option_id")
    .leftJoin("question as condition_question", "condition_question.id", "condition_option.question_id")
    .select([
      "question.id", "question.key", "question.text", "question.text_cy", "question.hint", "question.hint_cy",
      "question.answer_type", "question.is_about_you", "question.topic", "survey_question.page_number",
      "condition_option.key as condition_option_key", "condition_question.key as condition_question_key",
    ])
    .where("survey_question.survey_version_id", "=", versionId)
    .orderBy("survey_question.page_number")
    .orderBy("survey_question.position")
    .execute();
  if (questions.length === 0) return [];
  const options = await db
    .selectFrom("response_option")
    .select(["id", "question_id", "key", "label", "label_cy"])
    .where("question_id", "in", questions.map((q) => q.id))
    .orderBy("position")
    .execute();
  const pages = new Map<number, SurveyPage>();
  for (const q of questions) {
    const page = pages.get(q.page_number) ?? { number: pages.size + 1, topic: q.topic, questions: [] };
    pages.set(q.page_number, page);
    page.questions.push({
      id: q.id,
      key: q.key,
      text: q.text,
      textCy: q.text_cy,
      hint: q.hint,
      hintCy: q.hint_cy,
      answerType: q.answer_type,
      isRequired: !q.is_about_you,
      askedIf: q.condition_question_key && q.condition_option_key ? { questionKey: q.condition_question_key, optionKey: q.condition_option_key } : null,
      options: options.filter((o) => o.question_id === q.id).map((o) => ({ id: o.id, key: o.key, label: o.label, labelCy: o.label_cy })),
    });
  }
  return [...pages.values()];
}

async function coveredWards(db: Kysely<Database>, versionId: number): Promise<number[] | null> {
  const rows = await db.selectFrom("survey_version_ward").select("ward_id").where("survey_version_id", "=", versionId).execute();
  return rows.length === 0 ? null : rows.map((r) => r.ward_id);
}

export const coversWard = (survey: ResidentSurvey, wardId: number) => survey.wardIds === null || survey.wardIds.includes(wardId);

export type OpenSurvey = { slug: string; title: string; titleCy: string | null; closesAt: Date | null };

export async function listOpenSurveys(db: Kysely<Database>, now: Date): Promise<OpenSurvey[]> {
  const rows = await db
    .selectFrom("survey_version")
    .innerJoin("survey", "survey.id", "survey_version.survey_id")
    .select(["survey.slug", "survey_version.title", "survey_version.title_cy", "survey_version.closes_at"])
    .where("survey_version.status", "=", "published")
    .where((eb) => eb.or([eb("survey_version.opens_at", "is", null), eb("survey_version.opens_at", "<=", now)]))
    .where((eb) => eb.or([eb("survey_version.closes_at", "is", null), eb("survey_version.closes_at", ">", now)]))
    // Only the newest published version of each survey is open.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("survey_version as newer").select("newer.id")
        .whereRef("newer.survey_id", "=", "survey_version.survey_id")
        .whereRef("newer.version_number", ">", "survey_version.version_number")
        .where("newer.status", "in", ["published", "closed"]))))
    .orderBy("survey_version.title")
    .execute();
  return rows.map((r) => ({ slug: r.slug, title: r.title, titleCy: r.title_cy, closesAt: r.closes_at }));
}

export const textIn = (language: Language, english: string, welsh: string | null) => (language === "cy" && welsh ? welsh : english);
