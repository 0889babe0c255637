import type { Kysely } from "kysely";
import type { Database, SurveyVersionStatus } from "~/lib/db/schema";

export type SurveySummary = { slug: string; title: string; status: SurveyVersionStatus; versions: number; responses: number };

export async function listSurveysForAdmin(db: Kysely<Database>): Promise<SurveySummary[]> {
  const rows = await db
    .selectFrom("survey")
    .innerJoin("survey_version as latest", (join) =>
      join.onRef("latest.survey_id", "=", "survey.id").on(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("survey_version as newer").select("newer.id").whereRef("newer.survey_id", "=", "survey.id").whereRef("newer.version_number", ">", "latest.version_number"))),
      ),
    )
    .select((eb) => [
      "survey.slug",
      "latest.title",
      "latest.status",
      "latest.version_number",
      eb.selectFrom("survey_response").innerJoin("survey_version as v", "v.id", "survey_response.survey_version_id")
        .select((inner) => inner.fn.countAll<number>().as("n")).whereRef("v.survey_id", "=", "survey.id").as("responses"),
    ])
    .orderBy("latest.title")
    .execute();
  return rows.map((r) => ({ slug: r.slug, title: r.title, status: r.status, versions: r.version_number, responses: Number(r.responses ?? 0) }));
}

export type VersionSummary = { id: number; number: number; status: SurveyVersionStatus; publishedAt: Date | null; responses: number };
export type SurveyForAdmin = {
  id: number;
  slug: string;
  versions: VersionSummary[];
  /** The newest version's content, as the form shows it. */
  latest: {
    id: number;
    title: string;
    status: SurveyVersionStatus;
    values: Record<string, string | string[]>;
  };
};

export async function findSurveyForAdmin(db: Kysely<Database>, slug: string): Promise<SurveyForAdmin | null> {
  const survey = await db.selectFrom("survey").select(["id", "slug"]).where("slug", "=", slug).executeTakeFirst();
  if (!survey) return null;
  const versions = await db
    .selectFrom("survey_version")
    .select((eb) => [
      "id", "version_number", "status", "published_at", "title", "title_cy", "introduction", "introduction_cy", "privacy_notice", "privacy_notice_cy",
      "opens_at", "closes_at", "requires_access_code",
      eb.selectFrom("survey_response").select((inner) => inner.fn.countAll<number>().as("n")).whereRef("survey_response.survey_version_id", "=", "survey_version.id").as("responses"),
    ])
    .where("survey_id", "=", survey.id)
    .orderBy("version_number", "desc")
    .execute();
  const latest = versions[0]!;
  const questions = await db
    .selectFrom("survey_question")
    .innerJoin("question", "question.id", "survey_question.question_id")
    .select(["question.key", "survey_question.page_number"])
    .where("survey_version_id", "=", latest.id)
    .execute();
  const wards = await db
    .selectFrom("survey_version_ward")
    .innerJoin("ward", "ward.id", "survey_version_ward.ward_id")
    .select("ward.gss_code")
    .where("survey_version_id", "=", latest.id)
    .execute();
  const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
  return {
    id: survey.id,
    slug: survey.slug,
    versions: versions.map((v) => ({ id: v.id, number: v.version_number, status: v.status, publishedAt: v.published_at, responses: Number(v.responses ?? 0) })),
    latest: {
      id: latest.id,
      title: latest.title,
      status: latest.status,
      values: {
        slug: survey.slug,
        title: latest.title,
        titleCy: latest.title_cy ?? "",
        introduction: latest.introduction,
        introductionCy: latest.introduction_cy ?? "",
        privacyNotice: latest.privacy_notice,
        privacyNoticeCy: latest.privacy_notice_cy ?? "",
        opensOn: date(latest.opens_at),
        closesOn: date(latest.closes_at),
        requiresAccessCode: latest.requires_access_code ? "yes" : "",
        wardCodes: wards.map((w) => w.gss_code),
        ...Object.fromEntries(questions.map((q) => [`page_${q.key}`, String(q.page_number)])),
      },
    },
  };
}

export type BankQuestionChoice = { key: string; text: string; topic: string; isNational: boolean; isAboutYou: boolean };

export async function listBankQuestions(db: Kysely<Database>): Promise<BankQuestionChoice[]> {
  const rows = await db.selectFrom("question").select(["key", "text", "topic", "is_national", "is_about_you"]).orderBy("id").execute();
  return rows.map((r) => ({ key: r.key, text: r.text, topic: r.topic, isNational: r.is_national, isAboutYou: r.is_about_you }));
}

export async function findBankQuestion(db: Kysely<Database>, key: string): Promise<(BankQuestionChoice & { options: { key: string; label: string }[] }) | null> {
  const question = await db.selectFrom("question").select(["id", "key", "text", "topic", "is_national", "is_about_you"]).where("key", "=", key).executeTakeFirst();
  if (!question) return null;
  const options = await db.selectFrom("response_option").select(["key", "label"]).where("question_id", "=", question.id).orderBy("position").execute();
  return { key: question.key, text: question.text, topic: question.topic, isNational: question.is_national, isAboutYou: question.is_about_you, options };
}
