import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { listIndicatorDefinitions, type IndicatorDefinition } from "~/lib/reports/indicator-definition";
import { indicatorByWard, type ReportOptions } from "~/lib/reports/indicator-by-ward";
import { listPeriods, windowsEndingAt } from "~/lib/reports/reporting-windows";
import { readReportRequest } from "~/lib/reports/report-request";
import { newcombeDifference } from "~/lib/stats/newcombe-difference";
import { wilsonInterval } from "~/lib/stats/wilson-interval";
import { prepareTestshireDatabase } from "../../support/testshire-setup";
import { testDatabases } from "../../support/test-databases";

// Three made-up wards with answers chosen so every figure can be worked out by hand.
const SAFE_AFTER_DARK: Record<string, Record<string, number>> = {
  E05999901: { very_safe: 20, fairly_safe: 8, a_bit_unsafe: 6, very_unsafe: 3, dont_know: 2, never_walk_alone: 1 }, // 28 of 39
  E05999902: { very_safe: 10, fairly_safe: 10, a_bit_unsafe: 12, very_unsafe: 3 }, // 20 of 35
  E05999903: { very_safe: 5, a_bit_unsafe: 5 }, // 5 of 10: below any threshold
};

describe.each(testDatabases())("indicators by ward on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let indicators: IndicatorDefinition[];
  const options = (overrides: Partial<ReportOptions> = {}): ReportOptions => ({
    threshold: 30, confidence: 0.95, comparability: ["same", "equivalent"], canSeeSuppressed: false, onDate: "2026-11-25", ...overrides,
  });

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await prepareTestshireDatabase(db);
    indicators = await listIndicatorDefinitions(db);
    const version = await db.selectFrom("survey_version").select("id").executeTakeFirstOrThrow();
    const period = await db.selectFrom("reporting_period").select("id").where("label", "=", "2026/27 Q3").executeTakeFirstOrThrow();
    const options = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id")
      .select(["response_option.id", "response_option.key", "question.key as question", "question.id as question_id"]).execute();
    const option = (question: string, key: string) => options.find((o) => o.question === question && o.key === key)!;
    for (const [code, answers] of Object.entries(SAFE_AFTER_DARK)) {
      const ward = await db.selectFrom("ward").select("id").where("gss_code", "=", code).executeTakeFirstOrThrow();
      for (const [key, count] of Object.entries(answers)) {
        for (let i = 0; i < count; i++) {
          const r = await db.insertInto("survey_response").values({ channel: "web", ward_id: ward.id, reporting_period_id: period.id, survey_version_id: version.id, submitted_hour: "2026-11-25T10:00:00Z" }).returning("id").executeTakeFirstOrThrow();
          const o = option("safe_after_dark", key);
          await db.insertInto("answer").values({ survey_response_id: r.id, question_id: o.question_id, response_option_id: o.id }).execute();
        }
      }
    }
    // Two residents answer all seven ASB strands (scores 11 and 10); a third skips one strand.
    const strands = ["asb_noisy_neighbours", "asb_teenagers_hanging_around", "asb_rubbish_litter", "asb_vandalism_graffiti", "asb_drug_use_dealing", "asb_drunk_rowdy", "asb_abandoned_cars"];
    const scored = [["very_big_problem", "fairly_big_problem", "fairly_big_problem", "not_a_very_big_problem", "not_a_very_big_problem", "not_a_very_big_problem", "not_a_very_big_problem"],
      ["fairly_big_problem", "fairly_big_problem", "fairly_big_problem", "not_a_very_big_problem", "not_a_very_big_problem", "not_a_very_big_problem", "not_a_very_big_problem"],
      ["very_big_problem", "very_big_problem", "very_big_problem", "very_big_problem", "very_big_problem", "very_big_problem"]];
    const ward = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05999901").executeTakeFirstOrThrow();
    for (const resident of scored) {
      const r = await db.insertInto("survey_response").values({ channel: "web", ward_id: ward.id, reporting_period_id: period.id, survey_version_id: version.id, submitted_hour: "2026-11-25T10:00:00Z" }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("answer").values(resident.map((key, i) => ({ survey_response_id: r.id, question_id: option(strands[i]!, key).question_id, response_option_id: option(strands[i]!, key).id }))).execute();
    }
    // Car crime in the second ward: two car households (one very worried), one resident whose
    // partner's tool asked everyone and who has no car (out of the base however worried), and one
    // imported without the car question at all (in the base: being asked shows in the answers).
    const carResidents: [string, string][][] = [
      [["has_household_car", "yes"], ["worry_car_stolen", "very_worried"], ["worry_from_car", "fairly_worried"]],
      [["has_household_car", "yes"], ["worry_car_stolen", "not_very_worried"], ["worry_from_car", "fairly_worried"]],
      [["has_household_car", "no"], ["worry_car_stolen", "very_worried"], ["worry_from_car", "very_worried"]],
      [["worry_from_car", "very_worried"]],
    ];
    const second = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05999902").executeTakeFirstOrThrow();
    for (const resident of carResidents) {
      const r = await db.insertInto("survey_response").values({ channel: "web", ward_id: second.id, reporting_period_id: period.id, survey_version_id: version.id, submitted_hour: "2026-11-25T10:00:00Z" }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("answer").values(resident.map(([question, key]) => ({ survey_response_id: r.id, question_id: option(question, key).question_id, response_option_id: option(question, key).id }))).execute();
    }
  });
  afterAll(() => close());

  const windows = async () => windowsEndingAt(await listPeriods(db), (await db.selectFrom("reporting_period").select("id").where("label", "=", "2026/27 Q3").executeTakeFirstOrThrow()).id, "quarter")!;
  const indicator = (key: string) => indicators.find((i) => i.key === key)!;

  it("computes each ward's figure in SQL exactly as by hand, leaving out those who never walk alone after dark", async () => {
    const report = await indicatorByWard(db, indicator("feel_safe_after_dark"), await windows(), options({ canSeeSuppressed: true }));
    const byCode = Object.fromEntries(report.wards.map((w) => [w.ward.gssCode, w.estimate]));
    expect(byCode.E05999901).toEqual({ numerator: 28, base: 39, ...wilsonInterval(28, 39) });
    expect(byCode.E05999902).toMatchObject({ numerator: 20, base: 35 });
    expect(byCode.E05999903).toMatchObject({ numerator: 5, base: 10 });
    expect(report.area.estimate).toMatchObject({ numerator: 53, base: 84 });
    expect(report.area.sources).toEqual(["Web"]);
  });

  it("hides a small ward and a second one beside it, so neither can be worked out from the area total", async () => {
    const report = await indicatorByWard(db, indicator("feel_safe_after_dark"), await windows(), options());
    const visible = report.wards.filter((w) => w.estimate !== null);
    expect(visible.map((w) => w.ward.gssCode)).toEqual(["E05999901"]);
    expect(report.wards.map((w) => w.suppression.reason)).toEqual([null, "complementary", "below_threshold"]);
    // What a reader can do by subtraction gives only the two hidden wards together.
    const leftOver = report.area.estimate!.numerator - visible[0]!.estimate!.numerator;
    expect(leftOver).toBe(25);
    for (const hidden of report.wards.filter((w) => w.estimate === null)) {
      expect(hidden.sources).toEqual([]);
      expect(hidden.change).toBeNull();
    }
  });

  it("counts high perceived ASB only for residents who answered all seven strands, scoring 11 or more", async () => {
    const report = await indicatorByWard(db, indicator("high_perceived_asb"), await windows(), options({ canSeeSuppressed: true }));
    expect(report.wards[0]!.estimate).toMatchObject({ numerator: 1, base: 2 });
  });

  it("counts car crime worry only among residents in a household with a car, or not asked whether they are", async () => {
    const report = await indicatorByWard(db, indicator("very_worried_car_crime"), await windows(), options({ canSeeSuppressed: true }));
    expect(report.wards.find((w) => w.ward.gssCode === "E05999902")!.estimate).toMatchObject({ numerator: 2, base: 3 });
  });

  it("drops an undone import batch's responses from every figure", async () => {
    const source = await db.insertInto("partner_source").values({ name: "Testshire Police", agency: "police", tool: "SurveyMonkey" }).returning("id").executeTakeFirstOrThrow();
    const batch = await db.insertInto("import_batch").values({ partner_source_id: source.id, kind: "responses", tool_recognised: "SurveyMonkey", original_file_name: "x.csv", file_sha256: "b".repeat(64), mapping: "{}" }).returning("id").executeTakeFirstOrThrow();
    const ward = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05999901").executeTakeFirstOrThrow();
    const period = await db.selectFrom("reporting_period").select("id").where("label", "=", "2026/27 Q3").executeTakeFirstOrThrow();
    const veryUnsafe = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id").select(["response_option.id", "question.id as qid"]).where("question.key", "=", "safe_after_dark").where("response_option.key", "=", "very_unsafe").executeTakeFirstOrThrow();
    for (const [i, grade] of (["same", "equivalent", "not_comparable"] as const).entries()) {
      const r = await db.insertInto("survey_response").values({ channel: "import", ward_id: ward.id, reporting_period_id: period.id, partner_source_id: source.id, import_batch_id: batch.id, partner_respondent_id: `R${i}`, submitted_hour: "2026-11-25T10:00:00Z" }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("answer").values({ survey_response_id: r.id, question_id: veryUnsafe.qid, response_option_id: veryUnsafe.id, comparability: grade }).execute();
    }
    const withBoth = await indicatorByWard(db, indicator("feel_safe_after_dark"), await windows(), options());
    expect(withBoth.wards[0]!.estimate).toMatchObject({ numerator: 28, base: 41 });
    expect(withBoth.wards[0]!.sources).toEqual(["Testshire Police", "Web"]);
    // Counting "same" answers only gives 40; beside the 41 published it would give the one
    // "equivalent" answer away, so a CSP member does not see it, and an administrator sees why.
    const sameOnly = await indicatorByWard(db, indicator("feel_safe_after_dark"), await windows(), options({ comparability: ["same"] }));
    expect(sameOnly.wards[0]).toMatchObject({ estimate: null, suppression: { isSuppressed: true, reason: "complementary" } });
    const sameOnlyForAdministrator = await indicatorByWard(db, indicator("feel_safe_after_dark"), await windows(), options({ comparability: ["same"], canSeeSuppressed: true }));
    expect(sameOnlyForAdministrator.wards[0]!.estimate).toMatchObject({ base: 40 });
    await db.deleteFrom("import_batch").where("id", "=", batch.id).execute();
    const after = await indicatorByWard(db, indicator("feel_safe_after_dark"), await windows(), options());
    expect(after.wards[0]!.estimate).toMatchObject({ numerator: 28, base: 39 });
  });

  it("measures change from a chosen baseline quarter as well as from the quarter before, as by hand", async () => {
    const periods = await listPeriods(db);
    const q1 = periods.find((p) => p.label === "2026/27 Q1")!;
    const q3 = periods.find((p) => p.label === "2026/27 Q3")!;
    const version = await db.selectFrom("survey_version").select("id").executeTakeFirstOrThrow();
    const ward = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05999901").executeTakeFirstOrThrow();
    const safety = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id").select(["response_option.id", "response_option.key", "question.id as qid"]).where("question.key", "=", "safe_after_dark").execute();
    // In Q1 the first ward felt less safe: 12 of 40 very safe, 28 very unsafe.
    for (const [key, count] of [["very_safe", 12], ["very_unsafe", 28]] as const) {
      const o = safety.find((s) => s.key === key)!;
      for (let i = 0; i < count; i++) {
        const r = await db.insertInto("survey_response").values({ channel: "web", ward_id: ward.id, reporting_period_id: q1.id, survey_version_id: version.id, submitted_hour: "2026-05-01T10:00:00Z" }).returning("id").executeTakeFirstOrThrow();
        await db.insertInto("answer").values({ survey_response_id: r.id, question_id: o.qid, response_option_id: o.id }).execute();
      }
    }
    const request = await readReportRequest(db, new URLSearchParams({ period: String(q3.id), baseline: String(q1.id) }), { canSeeSuppressed: false });
    if (!request.ok) throw new Error(request.error);
    expect(request.value.windows.baseline?.label).toBe("2026/27 Q1");
    const report = await indicatorByWard(db, indicator("feel_safe_after_dark"), request.value.windows, options());
    const first = report.wards[0]!;
    // Q2 had no responses, so there is no change from the quarter before; from Q1 there is.
    expect(first.change).toBeNull();
    expect(first.baseline).toMatchObject({ numerator: 12, base: 40 });
    const byHand = newcombeDifference({ successes: 28, base: 39 }, { successes: 12, base: 40 }, 0.95);
    expect(first.changeFromBaseline).toMatchObject({ difference: byHand.difference, lower: byHand.lower, upper: byHand.upper, isSignificant: true });
    // Hidden wards carry no baseline comparison either.
    expect(report.wards[2]!.changeFromBaseline).toBeNull();
    expect(report.baselineWindow?.label).toBe("2026/27 Q1");
  });

  it("refuses a baseline that is not before the figures' window, or not a period at all", async () => {
    const periods = await listPeriods(db);
    const id = (label: string) => String(periods.find((p) => p.label === label)!.id);
    const read = (params: Record<string, string>) => readReportRequest(db, new URLSearchParams(params), { canSeeSuppressed: false });
    expect(await read({ period: id("2026/27 Q3"), baseline: id("2026/27 Q3") })).toEqual({ ok: false, error: "The baseline must end before 2026/27 Q3 begins: choose an earlier one" });
    expect(await read({ period: id("2026/27 Q2"), baseline: id("2026/27 Q3") })).toMatchObject({ ok: false });
    // Four quarters to Q3 begin in 2025/26 Q4, so a rolling baseline ending in Q1 overlaps them.
    expect(await read({ period: id("2026/27 Q3"), baseline: id("2026/27 Q1"), pooling: "rolling_year" })).toMatchObject({ ok: false });
    expect(await read({ period: id("2026/27 Q3"), baseline: "999999" })).toEqual({ ok: false, error: "There is no such baseline period: choose one from the list" });
    expect(await read({ period: id("2026/27 Q3"), baseline: "soon" })).toMatchObject({ ok: false });
    const none = await read({ period: id("2026/27 Q3"), baseline: "" });
    expect(none.ok && none.value.windows.baseline).toBeNull();
  });

  it("takes where trends start, refusing a start after the period (a reversed range) or not a period at all", async () => {
    const periods = await listPeriods(db);
    const id = (label: string) => String(periods.find((p) => p.label === label)!.id);
    const read = (params: Record<string, string>) => readReportRequest(db, new URLSearchParams(params), { canSeeSuppressed: false });
    const chosen = await read({ period: id("2026/27 Q3"), from: id("2026/27 Q1") });
    expect(chosen.ok && chosen.value.trendFromId).toBe(Number(id("2026/27 Q1")));
    // A range of one period is a trend of one point, not an empty one.
    expect((await read({ period: id("2026/27 Q3"), from: id("2026/27 Q3") })).ok).toBe(true);
    expect(await read({ period: id("2026/27 Q2"), from: id("2026/27 Q3") })).toEqual({ ok: false, error: "The trends must start at or before 2026/27 Q2: choose an earlier start, or a later period" });
    expect(await read({ period: id("2026/27 Q3"), from: "999999" })).toEqual({ ok: false, error: "There is no such period to start the trends from: choose one from the list" });
    expect(await read({ period: id("2026/27 Q3"), from: "-1" })).toMatchObject({ ok: false });
    const latest = await read({ period: id("2026/27 Q3"), from: "" });
    expect(latest.ok && latest.value.trendFromId).toBeUndefined();
  });
});
