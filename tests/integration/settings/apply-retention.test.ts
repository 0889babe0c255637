import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { DEFAULT_SURVEY_SLUG, seedDefaultSurvey } from "~/lib/surveys/default-survey";
import { startDraft } from "~/lib/surveys/survey-drafts";
import { writeSetting } from "~/lib/settings/settings";
import { applyRetention, previewRetention } from "~/lib/settings/apply-retention";
import { testDatabases } from "../../support/test-databases";

const now = new Date("2026-11-25T10:37:12Z");
const hoursBefore = (date: Date, hours: number) => new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000 - hours * 3_600_000);

describe.each(testDatabases())("applying the retention period on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let versionId: number;
  let wardId: number;
  let periodId: number;
  let options: { question_id: number; response_option_id: number }[];

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("tests/fixtures/areas/testshire/area.json"));
    await seedQuestionBank(db);
    await seedDefaultSurvey(db, "Testshire Safer Communities Partnership", "2020-04-01");
    await ensureReportingPeriods(db, "2020-04-01", "2026-11-25");
    versionId = (await db.selectFrom("survey_version").innerJoin("survey", "survey.id", "survey_version.survey_id").select("survey_version.id").where("slug", "=", DEFAULT_SURVEY_SLUG).executeTakeFirstOrThrow()).id;
    wardId = (await db.selectFrom("ward").select("id").executeTakeFirstOrThrow()).id;
    periodId = (await db.selectFrom("reporting_period").select("id").executeTakeFirstOrThrow()).id;
    options = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id")
      .select(["question_id", "response_option.id as response_option_id"]).where("question.key", "in", ["safe_after_dark", "asb_experienced", "police_good_job"])
      .where("response_option.position", "=", 1).execute();
    expect(options).toHaveLength(3);
  });
  afterAll(() => close());

  /** A web response submitted in that hour, with three answers; returns its id. */
  async function addResponse(hour: Date): Promise<number> {
    const { id } = await db.insertInto("survey_response")
      .values({ channel: "web", ward_id: wardId, reporting_period_id: periodId, survey_version_id: versionId, submitted_hour: hour })
      .returning("id").executeTakeFirstOrThrow();
    await db.insertInto("answer").values(options.map((o) => ({ ...o, survey_response_id: id }))).execute();
    return id;
  }
  const remaining = async () => (await db.selectFrom("survey_response").select("id").orderBy("id").execute()).map((r) => r.id);
  const answersOf = async (ids: number[]) => (await db.selectFrom("answer").select("survey_response_id").where("survey_response_id", "in", ids).execute()).length;
  const draftCount = async () => (await db.selectFrom("survey_draft").select("token_hash").execute()).length;
  const retentionAudits = () => db.selectFrom("audit_event").select(["actor_email", "detail"]).where("action", "=", "retention_deletion").orderBy("id").execute();

  it("deletes no response, however old, while no retention period is set; expired drafts still go", async () => {
    const ancient = await addResponse(new Date("2020-05-01T09:00:00Z"));
    await startDraft(db, versionId, "en", hoursBefore(now, 25)); // expired an hour ago
    await startDraft(db, versionId, "en", now);
    expect(await previewRetention(db, now)).toEqual({ months: null, cutoff: null, responses: 0 });
    expect(await applyRetention(db, now, null)).toEqual({ months: null, cutoff: null, responses: 0, answers: 0, drafts: 1 });
    expect(await remaining()).toEqual([ancient]);
    expect(await answersOf([ancient])).toBe(3);
    expect(await draftCount()).toBe(1);
    expect((await retentionAudits()).at(-1)).toEqual({ actor_email: null, detail: { retentionMonths: null, cutoff: null, responsesDeleted: 0, answersDeleted: 0, draftsDeleted: 1 } });
  });

  it("deletes exactly the responses submitted before the cut-off, and their answers, and nothing else", async () => {
    const administrator = await db.insertInto("app_user")
      .values({ email: "ada@example.test", display_name: "Ada", role: "administrator", password_hash: "x", password_changed_at: new Date() })
      .returning(["id", "email"]).executeTakeFirstOrThrow();
    await writeSetting(db, "responseRetentionMonths", 12, administrator.id);
    const cutoff = new Date("2025-11-25T10:37:12Z");
    const [ancient] = await remaining();
    const justBefore = await addResponse(new Date("2025-11-25T10:00:00Z")); // its hour starts 37 minutes before the cut-off
    const justAfter = await addResponse(new Date("2025-11-25T11:00:00Z"));
    const recent = await addResponse(hoursBefore(now, 1));
    const periodsBefore = await db.selectFrom("reporting_period").select("id").execute();

    expect(await previewRetention(db, now)).toEqual({ months: 12, cutoff, responses: 2 });
    expect(await applyRetention(db, now, administrator)).toEqual({ months: 12, cutoff, responses: 2, answers: 6, drafts: 0 });
    expect(await remaining()).toEqual([justAfter, recent]);
    expect(await answersOf([ancient!, justBefore])).toBe(0);
    expect(await answersOf([justAfter, recent])).toBe(6);
    expect(await draftCount()).toBe(1);
    expect(await db.selectFrom("reporting_period").select("id").execute()).toEqual(periodsBefore);
    expect((await retentionAudits()).at(-1)).toEqual({
      actor_email: "ada@example.test",
      detail: { retentionMonths: 12, cutoff: cutoff.toISOString(), responsesDeleted: 2, answersDeleted: 6, draftsDeleted: 0 },
    });
  });

  it("deletes nothing more when applied again", async () => {
    expect(await applyRetention(db, now, null)).toMatchObject({ responses: 0, answers: 0, drafts: 0 });
    expect(await remaining()).toHaveLength(2);
  });
});
