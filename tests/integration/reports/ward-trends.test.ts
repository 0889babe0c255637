import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { jsonForScript } from "~/lib/html/json-for-script";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { indicatorByWard, type ReportOptions } from "~/lib/reports/indicator-by-ward";
import { listIndicatorDefinitions } from "~/lib/reports/indicator-definition";
import type { ReportRequest } from "~/lib/reports/report-request";
import { listPeriods, windowsEndingAt, type Pooling } from "~/lib/reports/reporting-windows";
import { trendChartData } from "~/lib/reports/trend-chart-data";
import { wardTrends } from "~/lib/reports/ward-trends";
import { seedDefaultSurvey } from "~/lib/surveys/default-survey";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { wilsonInterval } from "~/lib/stats/wilson-interval";
import { testDatabases } from "../../support/test-databases";

// "Yes" (very or fairly safe) and "no" answers to the safety question, per quarter and ward,
// chosen so that with a threshold of 30 each quarter suppresses differently:
//  Q1: Testshire 3 has 10 (too few), so Testshire 2 (35, the smaller of the rest) is hidden with it;
//  Q2: Testshire 1 has 20 (too few), so Testshire 2 (45, smaller than 50) is hidden with it;
//  Q3: every ward has 30 or more, nothing is hidden.
const ANSWERS: Record<string, Record<string, [yes: number, no: number]>> = {
  "2026/27 Q1": { E05999901: [30, 10], E05999902: [20, 15], E05999903: [5, 5] },
  "2026/27 Q2": { E05999901: [12, 8], E05999902: [25, 20], E05999903: [30, 20] },
  "2026/27 Q3": { E05999901: [33, 11], E05999902: [18, 13], E05999903: [20, 13] },
};
const QUARTERS = Object.keys(ANSWERS);

describe.each(testDatabases())("ward trends on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  const wardId: Record<string, number> = {};

  const request = async (pooling: Pooling, canSeeSuppressed: boolean): Promise<ReportRequest> => {
    const periods = await listPeriods(db);
    const periodId = periods.find((p) => p.label === "2026/27 Q3")!.id;
    const options: ReportOptions = { threshold: 30, confidence: 0.95, comparability: ["same", "equivalent"], canSeeSuppressed, onDate: "2026-11-25" };
    return { periods, periodId, pooling, comparabilityChoice: "same_and_equivalent", sourcesChoice: "all", isWeighted: false, windows: windowsEndingAt(periods, periodId, pooling)!, options };
  };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("tests/fixtures/areas/testshire/area.json"));
    await seedQuestionBank(db);
    // Periods from a year before the answers: the first four quarters of each series are empty.
    await ensureReportingPeriods(db, "2025-04-01", "2026-11-25");
    await seedDefaultSurvey(db, "Testshire", "2026-04-01");
    const version = await db.selectFrom("survey_version").select("id").executeTakeFirstOrThrow();
    const options = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id")
      .select(["response_option.id", "response_option.key", "question.id as questionId"]).where("question.key", "=", "safe_after_dark").execute();
    const option = (key: string) => options.find((o) => o.key === key)!;
    for (const ward of await db.selectFrom("ward").select(["id", "gss_code"]).execute()) wardId[ward.gss_code] = ward.id;
    for (const [label, wards] of Object.entries(ANSWERS)) {
      const period = await db.selectFrom("reporting_period").select("id").where("label", "=", label).executeTakeFirstOrThrow();
      for (const [code, [yes, no]] of Object.entries(wards)) {
        const keys = [...Array<string>(yes).fill("fairly_safe"), ...Array<string>(no).fill("very_unsafe")];
        const responses = await db.insertInto("survey_response")
          .values(keys.map(() => ({ channel: "web" as const, ward_id: wardId[code]!, reporting_period_id: period.id, survey_version_id: version.id, submitted_hour: "2026-11-25T10:00:00Z" })))
          .returning("id").execute();
        await db.insertInto("answer").values(responses.map((r, i) => ({ survey_response_id: r.id, question_id: option(keys[i]!).questionId, response_option_id: option(keys[i]!).id }))).execute();
      }
    }
  });
  afterAll(() => close());

  const safety = async (code: string, pooling: Pooling, canSeeSuppressed: boolean) => {
    const trends = await wardTrends(db, wardId[code]!, await request(pooling, canSeeSuppressed));
    return trends!.indicators.find((i) => i.indicator.key === "feel_safe_after_dark")!;
  };

  it("gives a ward's quarterly series as worked out by hand, with each quarter's Wilson interval", async () => {
    const trend = await safety("E05999901", "quarter", true);
    const last = trend.points.slice(-3);
    expect(last.map((p) => p.window.label)).toEqual(QUARTERS);
    expect(last.map((p) => p.estimate)).toEqual([
      { numerator: 30, base: 40, ...wilsonInterval(30, 40) },
      { numerator: 12, base: 20, ...wilsonInterval(12, 20) },
      { numerator: 33, base: 44, ...wilsonInterval(33, 44) },
    ]);
    expect(last.map((p) => p.suppression.reason)).toEqual([null, "below_threshold", null]);
    // Seven quarters exist (fewer than eight); the four before the fixture's have no responses.
    expect(trend.points.map((p) => p.window.label)).toEqual(["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4", ...QUARTERS]);
    expect(trend.points.slice(0, 4).map((p) => [p.estimate, p.suppression.reason])).toEqual(Array(4).fill([null, "below_threshold"]));
  });

  it("runs a trend from the period the reader chose to the report's, past the usual eight if asked", async () => {
    const periods = await listPeriods(db);
    const from = async (label: string) => ({ trendFromId: periods.find((p) => p.label === label)!.id });
    const fromQ2 = await wardTrends(db, wardId.E05999901!, { ...(await request("quarter", true)), ...(await from("2026/27 Q2")) });
    const safetyFromQ2 = fromQ2!.indicators.find((i) => i.indicator.key === "feel_safe_after_dark")!;
    expect(safetyFromQ2.points.map((p) => [p.window.label, p.estimate?.numerator])).toEqual([["2026/27 Q2", 12], ["2026/27 Q3", 33]]);
    const rolling = await wardTrends(db, wardId.E05999901!, { ...(await request("rolling_year", true)), ...(await from("2026/27 Q3")) });
    expect(rolling!.windows.map((w) => w.label)).toEqual(["4 quarters to 2026/27 Q3"]);
  });

  it("pools rolling four-quarter windows, each ending at a quarter of the series", async () => {
    const trend = await safety("E05999901", "rolling_year", true);
    expect(trend.points.at(-1)!.window.label).toBe("4 quarters to 2026/27 Q3");
    expect(trend.points.at(-1)!.estimate).toEqual({ numerator: 75, base: 104, ...wilsonInterval(75, 104) });
    expect(trend.points.at(-2)!.estimate).toMatchObject({ numerator: 42, base: 60 });
  });

  it("hides a ward's point wherever the area table hides it, complementary cells included", async () => {
    const trend = await safety("E05999902", "quarter", false);
    const last = trend.points.slice(-3);
    expect(last.map((p) => p.suppression.reason)).toEqual(["complementary", "complementary", null]);
    expect(last.map((p) => p.estimate)).toEqual([null, null, { numerator: 18, base: 31, ...wilsonInterval(18, 31) }]);
  });

  it("agrees with the area table for every ward, window, pooling and reader", async () => {
    const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === "feel_safe_after_dark")!;
    for (const pooling of ["quarter", "rolling_year"] as const) {
      for (const canSeeSuppressed of [false, true]) {
        const req = await request(pooling, canSeeSuppressed);
        for (const code of Object.keys(wardId)) {
          const trend = await safety(code, pooling, canSeeSuppressed);
          for (const point of trend.points) {
            const windows = windowsEndingAt(req.periods, point.window.periods.at(-1)!.id, pooling)!;
            const table = (await indicatorByWard(db, indicator, windows, req.options)).wards.find((w) => w.ward.gssCode === code)!;
            expect({ estimate: point.estimate, suppression: point.suppression }).toEqual({ estimate: table.estimate, suppression: table.suppression });
          }
          const table = (await indicatorByWard(db, indicator, req.windows, req.options)).wards.find((w) => w.ward.gssCode === code)!;
          const { ward: _ward, ...figure } = table;
          expect(trend.current).toEqual(figure);
        }
      }
    }
  });

  it("embeds no suppressed figure in the chart data, even for an administrator", async () => {
    for (const canSeeSuppressed of [false, true]) {
      const json = jsonForScript(trendChartData(await safety("E05999902", "quarter", canSeeSuppressed)));
      const chart = JSON.parse(json) as ReturnType<typeof trendChartData>;
      expect(chart.estimate.slice(-3)).toEqual([null, null, 58.1]);
      expect(chart.lower.slice(-3)[0]).toBeNull();
      expect(chart.upper.slice(-3)[1]).toBeNull();
      // 20 of 35 and 25 of 45, the hidden figures, appear nowhere.
      expect(json).not.toMatch(/57\.1|55\.6/);
    }
  });
});
