import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/lib/db/schema";
import { indicatorByWard, type ReportOptions } from "~/lib/reports/indicator-by-ward";
import { listIndicatorDefinitions } from "~/lib/reports/indicator-definition";
import { listPeriods, windowsEndingAt } from "~/lib/reports/reporting-windows";
import { prepareTestshireDatabase } from "../../support/testshire-setup";
import { testDatabases } from "../../support/test-databases";

// Reports count from each response's kept roll-up of its answers. These tests change the data
// and the indicators between two reports and expect the second to see every change: a kept
// roll-up must never give a stale figure.
describe.each(testDatabases())("kept roll-ups of responses on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  const options: ReportOptions = { threshold: 30, confidence: 0.95, comparability: ["same", "equivalent"], canSeeSuppressed: true, onDate: "2026-11-25" };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await prepareTestshireDatabase(db);
  });
  afterAll(() => close());

  const respond = async (answerKey: string) => {
    const ward = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05999901").executeTakeFirstOrThrow();
    const period = await db.selectFrom("reporting_period").select("id").where("label", "=", "2026/27 Q3").executeTakeFirstOrThrow();
    const version = await db.selectFrom("survey_version").select("id").executeTakeFirstOrThrow();
    const option = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id")
      .select(["response_option.id", "question.id as questionId"]).where("question.key", "=", "safe_after_dark").where("response_option.key", "=", answerKey).executeTakeFirstOrThrow();
    const response = await db.insertInto("survey_response").values({ channel: "web", ward_id: ward.id, reporting_period_id: period.id, survey_version_id: version.id, submitted_hour: "2026-11-25T10:00:00Z" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("answer").values({ survey_response_id: response.id, question_id: option.questionId, response_option_id: option.id }).execute();
    return response.id;
  };
  const figure = async () => {
    const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === "feel_safe_after_dark")!;
    const period = await db.selectFrom("reporting_period").select("id").where("label", "=", "2026/27 Q3").executeTakeFirstOrThrow();
    const report = await indicatorByWard(db, indicator, windowsEndingAt(await listPeriods(db), period.id, "quarter")!, options);
    const { numerator, base } = report.wards.find((w) => w.ward.gssCode === "E05999901")!.estimate!;
    return { numerator, base };
  };
  // Every report's suppression plan counts both wordings ("same" answers, and "same" with
  // "equivalent" ones), so each response has a roll-up in each of the two layouts.
  const rollups = async () => {
    const layouts = await db.selectFrom("response_rollup").select((eb) => eb.fn.countAll<number>().as("n")).groupBy("layout_key").execute();
    expect(layouts).toHaveLength(2);
    const [first, second] = layouts.map((l) => Number(l.n));
    expect(first).toBe(second);
    return first;
  };

  it("rolls up each response once, and a response sent after a report is in the next one", async () => {
    await respond("very_safe");
    await respond("very_unsafe");
    expect(await figure()).toEqual({ numerator: 1, base: 2 });
    expect(await rollups()).toBe(2);
    await respond("fairly_safe");
    expect(await figure()).toEqual({ numerator: 2, base: 3 });
    expect(await rollups()).toBe(3);
  });

  it("rolls up a response with no answers as zeros, counted in no base, so it is never read again", async () => {
    const ward = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05999901").executeTakeFirstOrThrow();
    const period = await db.selectFrom("reporting_period").select("id").where("label", "=", "2026/27 Q3").executeTakeFirstOrThrow();
    const version = await db.selectFrom("survey_version").select("id").executeTakeFirstOrThrow();
    const empty = await db.insertInto("survey_response").values({ channel: "web", ward_id: ward.id, reporting_period_id: period.id, survey_version_id: version.id, submitted_hour: "2026-11-25T10:00:00Z" }).returning("id").executeTakeFirstOrThrow();
    expect(await figure()).toEqual({ numerator: 2, base: 3 });
    const rollup = await db.selectFrom("response_rollup").select(["in_bits", "yes_bits"]).where("survey_response_id", "=", empty.id).executeTakeFirstOrThrow();
    expect([...rollup.in_bits, ...rollup.yes_bits].every((bits) => Number(bits) === 0)).toBe(true);
    await db.deleteFrom("survey_response").where("id", "=", empty.id).execute();
  });

  it("drops a deleted response's roll-up with it", async () => {
    const id = await respond("fairly_safe");
    expect(await figure()).toEqual({ numerator: 3, base: 4 });
    await db.deleteFrom("survey_response").where("id", "=", id).execute();
    expect(await figure()).toEqual({ numerator: 2, base: 3 });
    expect(await rollups()).toBe(3);
  });

  it("counts afresh under a new layout when an indicator's definition changes", async () => {
    await respond("never_walk_alone");
    // "I never walk alone after dark" is out of the base by default...
    expect(await figure()).toEqual({ numerator: 2, base: 3 });
    // ...and in it once an administrator's setting says so: the old roll-ups must not answer.
    const indicator = await db.selectFrom("indicator").select(["id", "settings"]).where("key", "=", "feel_safe_after_dark").executeTakeFirstOrThrow();
    await db.updateTable("indicator").set({ settings: JSON.stringify({ ...(indicator.settings as object), excludedFromBase: [] }) }).where("id", "=", indicator.id).execute();
    expect(await figure()).toEqual({ numerator: 2, base: 4 });
    expect(Number((await db.selectFrom("response_rollup_layout").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBe(4);
  });
});
