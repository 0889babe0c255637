import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { SessionUser } from "~/lib/auth/auth-session";
import { migrateToLatest } from "~/lib/db/migrate";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { createSurvey, updateDraftVersion } from "~/lib/surveys/authoring/save-survey";
import { surveyFormSchema, readSurveyForm } from "~/lib/surveys/authoring/survey-form";
import { closeSurvey, publishVersion, startNewVersion } from "~/lib/surveys/authoring/survey-versions";
import { findSurveyForAdmin } from "~/lib/surveys/authoring/survey-admin-view";
import { addLocalQuestion, localQuestionSchema } from "~/lib/surveys/authoring/add-local-question";
import { addLocalIndicator, localIndicatorSchema } from "~/lib/surveys/authoring/add-local-indicator";
import { listIndicatorDefinitions } from "~/lib/reports/indicator-definition";
import { findSurveyForResident } from "~/lib/surveys/resident-survey";
import { testDatabases } from "../../support/test-databases";

const now = new Date("2026-11-25T12:00:00Z");
const form = (pages: Record<string, string>, extra: Record<string, string> = {}) =>
  surveyFormSchema.parse(readSurveyForm({
    title: "After the patrols: Bobblestock",
    slug: "after-the-patrols",
    introduction: "Tell us whether the extra patrols made a difference.",
    privacyNotice: "We keep your answers and ward only.",
    ...Object.fromEntries(Object.entries(pages).map(([key, page]) => [`page_${key}`, page])),
    ...extra,
  }));

describe.each(testDatabases())("administrators authoring surveys on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let admin: SessionUser;
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await seedQuestionBank(db);
    const user = await db.insertInto("app_user").values({ email: "ada@example.org", display_name: "Ada", role: "administrator", password_hash: "x", totp_key: null, totp_last_used_step: null }).returning("id").executeTakeFirstOrThrow();
    admin = { id: user.id, email: "ada@example.org", displayName: "Ada", role: "administrator", hasTwoFactor: true };
  });
  afterAll(() => close());

  it("refuses a survey with no questions, or closing before it opens, with the field named", () => {
    const noQuestions = surveyFormSchema.safeParse(readSurveyForm({ title: "T", slug: "t", introduction: "I", privacyNotice: "P" }));
    expect(noQuestions.success || noQuestions.error.issues.map((i) => [i.path[0], i.message])).toContainEqual(["questions", "Choose at least one question from the bank"]);
    const reversed = surveyFormSchema.safeParse(readSurveyForm({ title: "T", slug: "t", introduction: "I", privacyNotice: "P", page_safe_after_dark: "1", opensOn: "2027-05-01", closesOn: "2027-04-01" }));
    expect(reversed.success || reversed.error.issues.map((i) => [i.path[0], i.message])).toContainEqual(["closesOn", "Closing date must be after the opening date"]);
    const badPage = surveyFormSchema.safeParse(readSurveyForm({ title: "T", slug: "t", introduction: "I", privacyNotice: "P", page_safe_after_dark: "one" }));
    expect(badPage.success || badPage.error.issues[0]?.message).toBe("Page numbers must be whole numbers from 1 to 30");
  });

  it("keeps a new survey as a draft no resident can open until it is published", async () => {
    const created = await createSurvey(db, admin, form({ safe_after_dark: "1", asb_drunk_rowdy: "2", asb_drug_use_dealing: "2", police_good_job: "5", worry_burglary: "3" }));
    expect(created).toEqual({ ok: true, value: "after-the-patrols" });
    expect(await createSurvey(db, admin, form({ safe_after_dark: "1" }))).toEqual({ ok: false, error: "SlugTaken" });
    expect(await findSurveyForResident(db, "after-the-patrols", now)).toEqual({ ok: false, error: "SurveyNotFound" });
    const survey = (await findSurveyForAdmin(db, "after-the-patrols"))!;
    expect(await publishVersion(db, admin, survey.latest.id, now)).toEqual({ ok: true, value: undefined });
    const open = await findSurveyForResident(db, "after-the-patrols", now);
    expect(open.ok && open.value.pages.map((p) => p.questions.map((q) => q.key))).toEqual([
      ["safe_after_dark"], ["asb_drug_use_dealing", "asb_drunk_rowdy"], ["worry_burglary"], ["police_good_job"],
    ]);
  });

  it("freezes a published version: editing makes a new version, and residents get it once published", async () => {
    const survey = (await findSurveyForAdmin(db, "after-the-patrols"))!;
    const v1 = survey.latest.id;
    expect(await updateDraftVersion(db, admin, v1, form({ safe_after_dark: "1" }))).toEqual({ ok: false, error: "NotADraft" });
    const draft = await startNewVersion(db, admin, survey.id);
    if (!draft.ok) throw new Error(draft.error);
    expect(await startNewVersion(db, admin, survey.id)).toEqual({ ok: false, error: "DraftExists" });
    expect((await updateDraftVersion(db, admin, draft.value, form({ safe_after_dark: "1", asb_experienced: "2" }))).ok).toBe(true);
    const stillV1 = await findSurveyForResident(db, "after-the-patrols", now);
    expect(stillV1.ok && stillV1.value.versionId).toBe(v1);
    await publishVersion(db, admin, draft.value, now);
    const v2 = await findSurveyForResident(db, "after-the-patrols", now);
    expect(v2.ok && v2.value.versionId).toBe(draft.value);
    const statuses = await db.selectFrom("survey_version").select(["version_number", "status"]).where("survey_id", "=", survey.id).orderBy("version_number").execute();
    expect(statuses).toEqual([{ version_number: 1, status: "closed" }, { version_number: 2, status: "published" }]);
  });

  it("asks car crime questions only after the car question, and only of car owners", async () => {
    const together = await createSurvey(db, admin, form({ has_household_car: "1", worry_car_stolen: "1" }, { slug: "car-crime" }));
    expect(together).toEqual({ ok: false, error: "FilterNotBefore" });
    expect(await db.selectFrom("survey").select("id").where("slug", "=", "car-crime").execute()).toEqual([]);
    expect((await createSurvey(db, admin, form({ has_household_car: "1", worry_car_stolen: "2" }, { slug: "car-crime" }))).ok).toBe(true);
    const survey = (await findSurveyForAdmin(db, "car-crime"))!;
    await publishVersion(db, admin, survey.latest.id, now);
    const open = await findSurveyForResident(db, "car-crime", now);
    expect(open.ok && open.value.pages[1]!.questions[0]!.askedIf).toEqual({ questionKey: "has_household_car", optionKey: "yes" });
  });

  it("covers only the wards chosen, and refuses a ward that is not current", async () => {
    await db.insertInto("local_area").values({ gss_code: "E06000019", name: "Herefordshire", partnership_name: "CSP", boundary_attribution: "OGL" }).execute();
    const area = await db.selectFrom("local_area").select("id").executeTakeFirstOrThrow();
    const square = JSON.stringify({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    await db.insertInto("ward").values([
      { local_area_id: area.id, gss_code: "E05009479", name: "Ross East", name_cy: null, boundary: square, valid_from: "2019-05-02", valid_to: null },
      { local_area_id: area.id, gss_code: "E05009480", name: "Ross North", name_cy: null, boundary: square, valid_from: "2019-05-02", valid_to: null },
    ]).execute();
    const local = await createSurvey(db, admin, form({ safe_after_dark: "1" }, { slug: "ross-only", wardCodes: "E05009479" } as Record<string, string>));
    expect(local.ok).toBe(true);
    const survey = (await findSurveyForAdmin(db, "ross-only"))!;
    expect(survey.latest.values.wardCodes).toEqual(["E05009479"]);
    await publishVersion(db, admin, survey.latest.id, now);
    const open = await findSurveyForResident(db, "ross-only", now);
    const rossEast = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05009479").executeTakeFirstOrThrow();
    expect(open.ok && open.value.wardIds).toEqual([rossEast.id]);
    expect(await createSurvey(db, admin, form({ safe_after_dark: "1" }, { slug: "nowhere", wardCodes: "E05099999" } as Record<string, string>))).toEqual({ ok: false, error: "UnknownWard" });
  });

  it("adds a local question to the bank, marked local, which a survey can then use", async () => {
    const parsed = localQuestionSchema.parse({ text: "How safe do you feel in Ross market on a Saturday night?", options: "Very safe\nFairly safe\n\nNot safe", offerDontKnow: "yes" });
    expect(parsed.options).toEqual(["Very safe", "Fairly safe", "Not safe"]);
    const added = await addLocalQuestion(db, admin, parsed);
    expect(added).toEqual({ ok: true, value: "local_how_safe_do_you_feel_in_ross_market_on_a_saturday_night" });
    expect(await addLocalQuestion(db, admin, parsed)).toEqual({ ok: false, error: "QuestionExists" });
    const stored = await db.selectFrom("question").select(["is_national", "topic"]).where("key", "=", added.ok ? added.value : "").executeTakeFirstOrThrow();
    expect(stored).toEqual({ is_national: false, topic: "Local questions" });
    const options = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id")
      .select(["response_option.key", "response_option.is_dont_know"]).where("question.key", "=", added.ok ? added.value : "").orderBy("position").execute();
    expect(options).toEqual([
      { key: "very_safe", is_dont_know: false }, { key: "fairly_safe", is_dont_know: false }, { key: "not_safe", is_dont_know: false }, { key: "don_t_know", is_dont_know: true },
    ]);
    expect((await createSurvey(db, admin, form({ [added.ok ? added.value : ""]: "1" }, { slug: "ross-market" }))).ok).toBe(true);
    const key = added.ok ? added.value : "";
    expect(await addLocalIndicator(db, admin, key, localIndicatorSchema.parse({ title: "% safe in Ross market", countedOptionKeys: ["very_safe", "fairly_safe", "not_safe", "don_t_know"] }))).toEqual({ ok: false, error: "CountsEverything" });
    expect(await addLocalIndicator(db, admin, "safe_after_dark", localIndicatorSchema.parse({ title: "x", countedOptionKeys: ["very_safe"] }))).toEqual({ ok: false, error: "NotALocalQuestion" });
    expect(await addLocalIndicator(db, admin, key, localIndicatorSchema.parse({ title: "% safe in Ross market", countedOptionKeys: ["very_safe", "fairly_safe"] }))).toEqual({ ok: true, value: key });
    const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === key)!;
    expect(indicator).toMatchObject({ isNational: false, calculation: "share_of_options" });
    expect(indicator.countedOptionIds).toHaveLength(2);
    const tooFew = localQuestionSchema.safeParse({ text: "Anything?", options: "Yes" });
    expect(tooFew.success || tooFew.error.issues[0]?.message).toBe("Enter at least two answers, one on each line");
  });

  it("closes a survey so it takes no more answers", async () => {
    const survey = (await findSurveyForAdmin(db, "car-crime"))!;
    await closeSurvey(db, admin, survey.id);
    expect(await findSurveyForResident(db, "car-crime", now)).toEqual({ ok: false, error: "SurveyClosed" });
  });
});
