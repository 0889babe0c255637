import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { DEFAULT_SURVEY_SLUG, seedDefaultSurvey } from "~/lib/surveys/default-survey";
import { findSurveyForResident, type ResidentSurvey } from "~/lib/surveys/resident-survey";
import { findDraft, saveDraftAnswers, setDraftAccessCode, setDraftWard, startDraft, type Answers } from "~/lib/surveys/survey-drafts";
import { submitResponse } from "~/lib/surveys/submit-response";
import { checkAccessCode } from "~/lib/surveys/access-codes";
import { findAccessCodeUsage, issueAccessCodes } from "~/lib/surveys/access-code-usage";
import { accessCodesCsv } from "~/lib/surveys/access-codes-csv";
import { testDatabases } from "../../support/test-databases";

const now = new Date("2026-11-25T10:37:12Z");

describe.each(testDatabases())("access codes for a survey on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let survey: ResidentSurvey;
  let administrator: { id: number; email: string };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("tests/fixtures/areas/testshire/area.json"));
    await seedQuestionBank(db);
    await seedDefaultSurvey(db, "Testshire Safer Communities Partnership", "2026-10-01");
    const found = await findSurveyForResident(db, DEFAULT_SURVEY_SLUG, now);
    if (!found.ok) throw new Error(found.error);
    survey = found.value;
    administrator = await db.insertInto("app_user")
      .values({ email: "ada@example.test", display_name: "Ada", role: "administrator", password_hash: "x", password_changed_at: new Date() })
      .returning(["id", "email"]).executeTakeFirstOrThrow();
  });
  afterAll(() => close());

  it("counts no codes for a new survey, and knows no survey by an unknown slug", async () => {
    expect(await findAccessCodeUsage(db, DEFAULT_SURVEY_SLUG)).toEqual({
      surveyId: survey.surveyId, slug: DEFAULT_SURVEY_SLUG, title: "Feeling safe in your neighbourhood", requiresAccessCode: false, generated: 0, used: 0,
    });
    expect(await findAccessCodeUsage(db, "no-such-survey")).toBeNull();
  });

  it("makes the codes asked for, keeps only their hashes, records how many, and gives a CSV line each", async () => {
    const usage = (await findAccessCodeUsage(db, DEFAULT_SURVEY_SLUG))!;
    const codes = await issueAccessCodes(db, administrator, usage, 250);
    expect(codes).toHaveLength(250);
    expect(new Set(codes).size).toBe(250);
    expect(codes.every((code) => /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/.test(code))).toBe(true);
    const stored = await db.selectFrom("access_code").select("code_hash").execute();
    expect(stored.some((row) => codes.includes(row.code_hash) || codes.some((code) => row.code_hash.includes(code.replace("-", ""))))).toBe(false);
    expect(await findAccessCodeUsage(db, DEFAULT_SURVEY_SLUG)).toMatchObject({ generated: 250, used: 0 });
    const audit = await db.selectFrom("audit_event").select(["actor_email", "object_type", "object_id", "detail"]).where("action", "=", "access_codes_generated").execute();
    expect(audit).toEqual([{ actor_email: "ada@example.test", object_type: "survey", object_id: DEFAULT_SURVEY_SLUG, detail: { count: 250 } }]);
    const csv = accessCodesCsv(codes, "https://pulse.example/surveys/feeling-safe");
    expect(csv.trimEnd().split("\r\n")).toHaveLength(251);
  });

  it("counts a code as used once a resident sends a response with it", async () => {
    const usage = (await findAccessCodeUsage(db, DEFAULT_SURVEY_SLUG))!;
    const [code] = await issueAccessCodes(db, administrator, usage, 1);
    const checked = await checkAccessCode(db, survey.surveyId, code!);
    if (!checked.ok) throw new Error(checked.error);
    const token = await startDraft(db, survey.versionId, "en", now);
    const draft = (await findDraft(db, token, survey.versionId, now))!;
    const wardId = (await db.selectFrom("ward").select("id").executeTakeFirstOrThrow()).id;
    await setDraftWard(db, draft, wardId);
    const answers: Answers = { has_household_car: "no" };
    for (const question of survey.pages.flatMap((p) => p.questions)) if (question.isRequired) answers[question.key] ??= question.options[0]!.key;
    await saveDraftAnswers(db, draft, answers);
    await setDraftAccessCode(db, draft, checked.value);
    const ready = (await findDraft(db, token, survey.versionId, now))!;
    expect((await submitResponse(db, { ...survey, requiresAccessCode: true }, ready, now)).ok).toBe(true);
    expect(await findAccessCodeUsage(db, DEFAULT_SURVEY_SLUG)).toMatchObject({ generated: 251, used: 1 });
  });

  it("makes the most codes allowed at once, 20,000", async () => {
    const usage = (await findAccessCodeUsage(db, DEFAULT_SURVEY_SLUG))!;
    expect(await issueAccessCodes(db, administrator, usage, 20_000)).toHaveLength(20_000);
    expect(await findAccessCodeUsage(db, DEFAULT_SURVEY_SLUG)).toMatchObject({ generated: 20_251, used: 1 });
  });
});
