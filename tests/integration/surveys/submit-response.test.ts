import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { DEFAULT_SURVEY_SLUG, seedDefaultSurvey } from "~/lib/surveys/default-survey";
import { findSurveyForResident, type ResidentSurvey } from "~/lib/surveys/resident-survey";
import { deleteExpiredDrafts, findDraft, saveDraftAnswers, setDraftAccessCode, setDraftWard, startDraft, type Answers } from "~/lib/surveys/survey-drafts";
import { submitResponse } from "~/lib/surveys/submit-response";
import { checkAccessCode, generateAccessCodes } from "~/lib/surveys/access-codes";
import { testDatabases } from "../../support/test-databases";

const now = new Date("2026-11-25T10:37:12Z");
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

/** The first option of every required question, and a car in the household. */
function completeAnswers(survey: ResidentSurvey, car: "yes" | "no"): Answers {
  const answers: Answers = {};
  for (const question of survey.pages.flatMap((p) => p.questions)) {
    if (question.isRequired) answers[question.key] = question.options[0]!.key;
  }
  answers.has_household_car = car;
  return answers;
}

describe.each(testDatabases())("residents' responses on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let survey: ResidentSurvey;
  let wardId: number;

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("db/reference/herefordshire/area.json"));
    await seedQuestionBank(db);
    expect(await seedDefaultSurvey(db, "Herefordshire Community Safety Partnership", "2026-10-01")).toBe(true);
    expect(await seedDefaultSurvey(db, "Herefordshire Community Safety Partnership", "2026-10-01")).toBe(false);
    const found = await findSurveyForResident(db, DEFAULT_SURVEY_SLUG, now);
    if (!found.ok) throw new Error(found.error);
    survey = found.value;
    wardId = (await db.selectFrom("ward").select("id").where("gss_code", "=", "E05009438").executeTakeFirstOrThrow()).id;
  });
  afterAll(() => close());

  async function readyDraft(answers: Answers) {
    const token = await startDraft(db, survey.versionId, "cy", now);
    const draft = (await findDraft(db, token, survey.versionId, now))!;
    await setDraftWard(db, draft, wardId);
    await saveDraftAnswers(db, draft, answers);
    return { token, draft: (await findDraft(db, token, survey.versionId, now))! };
  }

  const responseCount = async () => Number((await db.selectFrom("survey_response").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  it("publishes the default survey from the question bank, car questions asked only of car owners", () => {
    expect(survey.pages).toHaveLength(9);
    const car = survey.pages.flatMap((p) => p.questions).find((q) => q.key === "worry_car_stolen");
    expect(car?.askedIf).toEqual({ questionKey: "has_household_car", optionKey: "yes" });
  });

  it("stores exactly one response with its answers, its ward, its period and the hour only", async () => {
    const { draft } = await readyDraft(completeAnswers(survey, "yes"));
    const result = await submitResponse(db, survey, draft, now);
    expect(result).toMatchObject({ ok: true, value: { wardGssCode: "E05009438", wardName: "Arrow" } });
    const response = await db
      .selectFrom("survey_response")
      .innerJoin("reporting_period", "reporting_period.id", "survey_response.reporting_period_id")
      .select(["survey_response.id", "channel", "submitted_hour", "language", "label", "survey_version_id", "partner_source_id", "import_batch_id"])
      .executeTakeFirstOrThrow();
    expect(response).toMatchObject({ channel: "web", language: "cy", label: "2026/27 Q3", survey_version_id: survey.versionId, partner_source_id: null, import_batch_id: null });
    expect(response.submitted_hour.toISOString()).toBe("2026-11-25T10:00:00.000Z");
    const answers = await db.selectFrom("answer").select("question_id").where("survey_response_id", "=", response.id).execute();
    // 18 national questions, the car filter, and no optional "about you" answers.
    expect(answers).toHaveLength(19);
  });

  it("stores one response when the same draft is sent twice, even at the same moment", async () => {
    const before = await responseCount();
    const { draft } = await readyDraft(completeAnswers(survey, "no"));
    const [first, second] = await Promise.all([submitResponse(db, survey, draft, now), submitResponse(db, survey, draft, now)]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect((first.ok ? second : first)).toEqual({ ok: false, error: { kind: "DraftGone" } });
    expect(await submitResponse(db, survey, draft, later(1))).toEqual({ ok: false, error: { kind: "DraftGone" } });
    expect(await responseCount()).toBe(before + 1);
  });

  it("keeps no answers to car questions for a resident without a car", async () => {
    const answers = { ...completeAnswers(survey, "no"), worry_car_stolen: "very_worried" };
    const { draft } = await readyDraft(answers);
    const result = await submitResponse(db, survey, draft, now);
    if (!result.ok) throw new Error(result.error.kind);
    const keys = await db.selectFrom("answer").innerJoin("question", "question.id", "answer.question_id").select("question.key").where("survey_response_id", "=", result.value.responseId).execute();
    expect(keys.map((k) => k.key)).not.toContain("worry_car_stolen");
    expect(keys).toHaveLength(17);
  });

  it("refuses an unfinished draft and says which page to finish, storing nothing", async () => {
    const before = await responseCount();
    const answers = completeAnswers(survey, "yes");
    delete answers.police_good_job;
    const { draft } = await readyDraft(answers);
    expect(await submitResponse(db, survey, draft, now)).toEqual({ ok: false, error: { kind: "Incomplete", page: 8 } });
    expect(await responseCount()).toBe(before);
  });

  it("lets drafts expire after 24 hours and deletes them", async () => {
    const { token } = await readyDraft({});
    expect(await findDraft(db, token, survey.versionId, later(23))).not.toBeNull();
    expect(await findDraft(db, token, survey.versionId, later(24))).toBeNull();
    expect(await deleteExpiredDrafts(db, later(24))).toBeGreaterThan(0);
    expect(await db.selectFrom("survey_draft").select("token_hash").where("expires_at", "<=", later(24)).execute()).toEqual([]);
  });

  it("refuses a closed survey", async () => {
    await db.updateTable("survey_version").set({ closes_at: later(1) }).where("id", "=", survey.versionId).execute();
    expect(await findSurveyForResident(db, DEFAULT_SURVEY_SLUG, later(2))).toEqual({ ok: false, error: "SurveyClosed" });
    expect(await findSurveyForResident(db, "no-such-survey", now)).toEqual({ ok: false, error: "SurveyNotFound" });
    await db.updateTable("survey_version").set({ closes_at: null }).where("id", "=", survey.versionId).execute();
  });

  it("stores a paper questionnaire keyed in by an officer as a paper return of their partner source", async () => {
    const source = await db.insertInto("partner_source").values({ name: "Herefordshire Council", agency: "council", tool: null }).returning("id").executeTakeFirstOrThrow();
    const token = await startDraft(db, survey.versionId, "en", now, { partnerSourceId: source.id });
    const draft = (await findDraft(db, token, survey.versionId, now))!;
    expect(draft.paper).toEqual({ partnerSourceId: source.id });
    await setDraftWard(db, draft, wardId);
    await saveDraftAnswers(db, draft, completeAnswers(survey, "no"));
    const result = await submitResponse(db, survey, (await findDraft(db, token, survey.versionId, now))!, now);
    if (!result.ok) throw new Error(result.error.kind);
    const stored = await db.selectFrom("survey_response").select(["channel", "partner_source_id", "import_batch_id"]).where("id", "=", result.value.responseId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ channel: "paper", partner_source_id: source.id, import_batch_id: null });
  });

  it("accepts each access code once", async () => {
    const [code] = await generateAccessCodes(db, survey.surveyId, 3);
    await db.updateTable("survey_version").set({ requires_access_code: true }).where("id", "=", survey.versionId).execute();
    const coded = { ...survey, requiresAccessCode: true };
    const checked = await checkAccessCode(db, survey.surveyId, code!.toLowerCase().replace("-", " "));
    if (!checked.ok) throw new Error(checked.error);
    const first = await readyDraft(completeAnswers(survey, "no"));
    const second = await readyDraft(completeAnswers(survey, "no"));
    await setDraftAccessCode(db, first.draft, checked.value);
    await setDraftAccessCode(db, second.draft, checked.value);
    expect((await submitResponse(db, coded, { ...first.draft, accessCodeId: checked.value }, now)).ok).toBe(true);
    expect(await submitResponse(db, coded, { ...second.draft, accessCodeId: checked.value }, now)).toEqual({ ok: false, error: { kind: "AccessCodeUsed" } });
    // The refused draft was not spent: the resident can still send it with another code.
    expect((await findDraft(db, second.token, survey.versionId, now))?.submittedAt).toBeNull();
    expect(await checkAccessCode(db, survey.surveyId, code!)).toEqual({ ok: false, error: "Used" });
    expect(await checkAccessCode(db, survey.surveyId, "ZZZZ-ZZZZ")).toEqual({ ok: false, error: "Unknown" });
    await db.updateTable("survey_version").set({ requires_access_code: false }).where("id", "=", survey.versionId).execute();
  });
});
