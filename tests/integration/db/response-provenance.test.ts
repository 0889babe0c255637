import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { testDatabases } from "../../support/test-databases";

// One kind of row for a web answer and a partner's imported answer: only provenance differs.
describe.each(testDatabases())("responses and their provenance on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let ids: { ward: number; period: number; version: number; source: number; batch: number; question: number; option: number };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("tests/fixtures/areas/testshire/area.json"));
    await ensureReportingPeriods(db, "2026-04-01", "2026-11-25");
    const ward = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05999901").executeTakeFirstOrThrow();
    const period = await db.selectFrom("reporting_period").select("id").where("label", "=", "2026/27 Q3").executeTakeFirstOrThrow();
    const survey = await db.insertInto("survey").values({ slug: "feeling-safe" }).returning("id").executeTakeFirstOrThrow();
    const version = await db.insertInto("survey_version").values({ survey_id: survey.id, version_number: 1, title: "Feeling safe" }).returning("id").executeTakeFirstOrThrow();
    const source = await db.insertInto("partner_source").values({ name: "West Mercia Police", agency: "police", tool: "SurveyMonkey" }).returning("id").executeTakeFirstOrThrow();
    const batch = await db
      .insertInto("import_batch")
      .values({ partner_source_id: source.id, kind: "responses", tool_recognised: "SurveyMonkey", original_file_name: "export.csv", file_sha256: "a".repeat(64), mapping: "{}" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const question = await db.insertInto("question").values({ key: "safe_after_dark", text: "How safe do you feel walking alone in this area after dark?", answer_type: "single", topic: "safety" }).returning("id").executeTakeFirstOrThrow();
    const option = await db.insertInto("response_option").values({ question_id: question.id, key: "very_safe", label: "Very safe", position: 1, score: null }).returning("id").executeTakeFirstOrThrow();
    ids = { ward: ward.id, period: period.id, version: version.id, source: source.id, batch: batch.id, question: question.id, option: option.id };
  });
  afterAll(() => close());

  const base = () => ({ ward_id: ids.ward, reporting_period_id: ids.period, submitted_hour: "2026-11-25T10:00:00Z" });

  it("stores a web response and an imported one in the same table, told apart by provenance", async () => {
    const web = await db.insertInto("survey_response").values({ ...base(), channel: "web", survey_version_id: ids.version }).returning("id").executeTakeFirstOrThrow();
    const imported = await db
      .insertInto("survey_response")
      .values({ ...base(), channel: "import", partner_source_id: ids.source, import_batch_id: ids.batch, partner_respondent_id: "R-1001" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("answer").values([
      { survey_response_id: web.id, question_id: ids.question, response_option_id: ids.option },
      { survey_response_id: imported.id, question_id: ids.question, response_option_id: ids.option, comparability: "equivalent" },
    ]).execute();
    const rows = await db
      .selectFrom("answer")
      .innerJoin("survey_response", "survey_response.id", "answer.survey_response_id")
      .select(["survey_response.channel", "survey_response.import_batch_id", "answer.comparability"])
      .orderBy("survey_response.id")
      .execute();
    expect(rows).toEqual([
      { channel: "web", import_batch_id: null, comparability: "same" },
      { channel: "import", import_batch_id: ids.batch, comparability: "equivalent" },
    ]);
  });

  it("refuses a web response that claims an import batch", async () => {
    await expect(
      db.insertInto("survey_response").values({ ...base(), channel: "web", survey_version_id: ids.version, import_batch_id: ids.batch }).execute(),
    ).rejects.toThrow(/survey_response_provenance/);
  });

  it("refuses an imported response without its partner source", async () => {
    await expect(db.insertInto("survey_response").values({ ...base(), channel: "import", import_batch_id: ids.batch }).execute()).rejects.toThrow(
      /survey_response_provenance/,
    );
  });

  it("refuses a submission time more precise than the hour", async () => {
    await expect(
      db.insertInto("survey_response").values({ ...base(), channel: "web", survey_version_id: ids.version, submitted_hour: "2026-11-25T10:17:00Z" }).execute(),
    ).rejects.toThrow(/survey_response_hour/);
  });

  it("refuses the same partner respondent twice from one partner source", async () => {
    const again = { ...base(), channel: "import" as const, partner_source_id: ids.source, import_batch_id: ids.batch, partner_respondent_id: "R-1001" };
    await expect(db.insertInto("survey_response").values(again).execute()).rejects.toThrow(/survey_response_partner_respondent_key/);
  });

  it("removes a batch's responses and their answers when the batch is deleted", async () => {
    await db.deleteFrom("import_batch").where("id", "=", ids.batch).execute();
    const channels = await db.selectFrom("survey_response").select("channel").execute();
    expect(channels).toEqual([{ channel: "web" }]);
    const answers = await db.selectFrom("answer").select("survey_response_id").execute();
    expect(answers).toHaveLength(1);
  });
});
