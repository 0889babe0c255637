import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { AGE_BANDS, SEXES } from "~/lib/geography/population/population-labels";
import { indicatorByWard, type ReportOptions } from "~/lib/reports/indicator-by-ward";
import { listIndicatorDefinitions, type IndicatorDefinition } from "~/lib/reports/indicator-definition";
import { listPeriods, windowsEndingAt } from "~/lib/reports/reporting-windows";
import { wilsonInterval } from "~/lib/stats/wilson-interval";
import { prepareTestshireDatabase } from "../../support/testshire-setup";
import { testDatabases } from "../../support/test-databases";

// Respondents per age band and sex: [how many, how many feel safe after dark]. "Young" is 16 to 24
// and "older" 25 to 34; every ward's population (year 2025) is 300 young women, 200 young men,
// 300 older women and 200 older men, so the margins are age 500 : 500 and sex 600 : 400.
type Table = { youngWomen: [number, number]; youngMen: [number, number]; olderWomen: [number, number]; olderMen: [number, number] };
const Q3: Record<string, Table> = {
  // Worked by hand (as in tests/unit/stats/rim-weighting.test.ts): age step ×2 young, ×2/3 older;
  // sex step ×1.2 women, ×0.8 men. Weights 2.4, 1.6, 0.8, 0.5333. Weighted "yes":
  // (5 × 2.4 + 2 × 1.6 + 15 × 0.8 + 6 × 0.5333) / 80 = 30.4 / 80 = 0.38 (unweighted 28 of 80).
  // Σw² = 10 × 5.76 + 10 × 2.56 + 30 × 0.64 + 30 × 0.2844 = 110.93, so n_eff = 80² / 110.93 = 57.69.
  E05999901: { youngWomen: [10, 5], youngMen: [10, 2], olderWomen: [30, 15], olderMen: [30, 6] },
  // Age step ×2.5 young, ×0.625 older; sex step ×1.2, ×0.8: weights 3, 2, 0.75, 0.5. Weighted
  // "yes": (4 × 3 + 3 × 2 + 20 × 0.75 + 10 × 0.5) / 100 = 38 / 100 = 0.38 (unweighted 37 of 100).
  // Σw² = 10 × 9 + 10 × 4 + 40 × 0.5625 + 40 × 0.25 = 162.5, so n_eff = 100² / 162.5 = 61.54.
  E05999902: { youngWomen: [10, 4], youngMen: [10, 3], olderWomen: [40, 20], olderMen: [40, 10] },
  // Already in proportion to the population: every weight is 1; 5 of 10. Too few to publish.
  E05999903: { youngWomen: [3, 2], youngMen: [2, 1], olderWomen: [3, 1], olderMen: [2, 1] },
};
// The quarter before: Brook Side's respondents are all 25 to 34, so its 16-24 margin is empty;
// Castle Hill has three times as many as in Q3, so nothing is suppressed.
const Q2: Record<string, Table> = {
  E05999901: Q3.E05999901!,
  E05999902: { youngWomen: [0, 0], youngMen: [0, 0], olderWomen: [30, 15], olderMen: [30, 10] },
  E05999903: { youngWomen: [9, 6], youngMen: [6, 3], olderWomen: [9, 3], olderMen: [6, 3] },
};

describe.each(testDatabases())("weighted indicators on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let feelSafe: IndicatorDefinition;
  const options = (overrides: Partial<ReportOptions> = {}): ReportOptions => ({
    threshold: 30, confidence: 0.95, comparability: ["same", "equivalent"], canSeeSuppressed: true, onDate: "2026-11-25", isWeighted: true, ...overrides,
  });
  const windows = async (label: string) => {
    const periods = await listPeriods(db);
    return windowsEndingAt(periods, periods.find((p) => p.label === label)!.id, "quarter")!;
  };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await prepareTestshireDatabase(db);
    feelSafe = (await listIndicatorDefinitions(db)).find((i) => i.key === "feel_safe_after_dark")!;
    const version = await db.selectFrom("survey_version").select("id").executeTakeFirstOrThrow();
    const options = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id")
      .select(["response_option.id", "response_option.key", "question.key as question", "question.id as question_id"]).execute();
    const option = (question: string, key: string) => options.find((o) => o.question === question && o.key === key)!;
    const wards = await db.selectFrom("ward").select(["id", "gss_code"]).execute();
    const wardId = (code: string) => wards.find((w) => w.gss_code === code)!.id;
    const periodId = async (label: string) => (await db.selectFrom("reporting_period").select("id").where("label", "=", label).executeTakeFirstOrThrow()).id;

    const respond = async (code: string, label: string, count: number, isSafe: boolean, about: { age?: string; sex?: string }) => {
      for (let i = 0; i < count; i++) {
        const r = await db.insertInto("survey_response").values({ channel: "web", ward_id: wardId(code), reporting_period_id: await periodId(label), survey_version_id: version.id, submitted_hour: "2026-08-25T10:00:00Z" }).returning("id").executeTakeFirstOrThrow();
        const answers = [option("safe_after_dark", isSafe ? "very_safe" : "a_bit_unsafe"), ...(about.age ? [option("age_band", about.age)] : []), ...(about.sex ? [option("sex", about.sex)] : [])];
        await db.insertInto("answer").values(answers.map((o) => ({ survey_response_id: r.id, question_id: o.question_id, response_option_id: o.id }))).execute();
      }
    };
    for (const [label, table] of [["2026/27 Q3", Q3], ["2026/27 Q2", Q2]] as const) {
      for (const [code, cells] of Object.entries(table)) {
        for (const [cell, [n, yes]] of Object.entries(cells) as [keyof Table, [number, number]][]) {
          const about = { age: cell.startsWith("young") ? "age_16_24" : "age_25_34", sex: cell.endsWith("Women") ? "female" : "male" };
          await respond(code, label, yes, true, about);
          await respond(code, label, n - yes, false, about);
        }
      }
    }
    // Abbey Green, Q3: four more residents without both age band and sex (two feel safe), and an
    // aggregate return of 10 answers (all "very safe") from a partner who sends counts.
    await respond("E05999901", "2026/27 Q3", 2, true, {});
    await respond("E05999901", "2026/27 Q3", 1, false, { age: "age_16_24" });
    await respond("E05999901", "2026/27 Q3", 1, false, { age: "age_25_34", sex: "prefer_not_to_say" });
    const source = await db.insertInto("partner_source").values({ name: "Testshire Fire", agency: "fire", tool: null }).returning("id").executeTakeFirstOrThrow();
    const batch = await db.insertInto("import_batch").values({ partner_source_id: source.id, kind: "aggregate", tool_recognised: "Counts", original_file_name: "counts.csv", file_sha256: "c".repeat(64), mapping: "{}" }).returning("id").executeTakeFirstOrThrow();
    const verySafe = option("safe_after_dark", "very_safe");
    await db.insertInto("aggregate_count").values({ import_batch_id: batch.id, partner_source_id: source.id, ward_id: wardId("E05999901"), reporting_period_id: await periodId("2026/27 Q3"), question_id: verySafe.question_id, response_option_id: verySafe.id, count: 10, comparability: "same" }).execute();

    // Population estimates for 2025, every ward alike; nobody in the other bands.
    const people: Record<string, Record<string, number>> = { age_16_24: { female: 300, male: 200 }, age_25_34: { female: 300, male: 200 } };
    await db.insertInto("population_estimate").values(wards.flatMap((ward) => AGE_BANDS.flatMap((band) => SEXES.map((sex) => ({
      ward_id: ward.id, year: 2025, age_band: band.key, sex: sex.key, population: people[band.key]?.[sex.key] ?? 0, source: "made up for tests",
    }))))).execute();
  });
  afterAll(() => close());

  it("weights each ward's figure to its population exactly as worked by hand, with the effective base", async () => {
    const report = await indicatorByWard(db, feelSafe, await windows("2026/27 Q3"), options());
    const [abbeyGreen, brookSide, castleHill] = report.wards;
    const nEff1 = 80 ** 2 / (10 * 2.4 ** 2 + 10 * 1.6 ** 2 + 30 * 0.8 ** 2 + 30 * (1.6 / 3) ** 2);
    expect(nEff1).toBeCloseTo(57.69, 2);
    expect(abbeyGreen!.estimate).toMatchObject({ numerator: 28, base: 80 });
    expect(abbeyGreen!.estimate!.estimate).toBeCloseTo(0.38, 10);
    expect(abbeyGreen!.estimate!.weighting!.effectiveBase).toBeCloseTo(nEff1, 10);
    expect(abbeyGreen!.estimate!.weighting!.designEffect).toBeCloseTo(80 / nEff1, 10);
    const interval = wilsonInterval(0.38 * nEff1, nEff1);
    expect(abbeyGreen!.estimate!.lower).toBeCloseTo(interval.lower, 10);
    expect(abbeyGreen!.estimate!.upper).toBeCloseTo(interval.upper, 10);
    // The four without age band or sex, and the 10 counted answers, are left out and said to be.
    expect(abbeyGreen!.weighting).toEqual({ isWeighted: true, notes: ["4 responses without age band or sex left out", "10 answers counted in aggregate returns left out: counts cannot be weighted"] });

    expect(brookSide!.estimate!.estimate).toBeCloseTo(0.38, 10);
    expect(brookSide!.estimate!.weighting!.effectiveBase).toBeCloseTo(100 ** 2 / 162.5, 10);
    expect(castleHill!.estimate).toMatchObject({ numerator: 5, base: 10, estimate: 0.5, weighting: { effectiveBase: 10, designEffect: 1 } });

    // The area grosses each ward up to its population (1,000 people each), so it is the mean of
    // the three wards' weighted figures: (0.38 + 0.38 + 0.5) / 3 = 0.42.
    expect(report.area.estimate!.estimate).toBeCloseTo(0.42, 10);
    expect(report.area.weighting).toMatchObject({ isWeighted: true });
  });

  it("reports the same figures unweighted when weighting is off, counts included", async () => {
    const report = await indicatorByWard(db, feelSafe, await windows("2026/27 Q3"), options({ isWeighted: false }));
    expect(report.wards[0]!.estimate).toEqual({ numerator: 28 + 2 + 10, base: 84 + 10, ...wilsonInterval(40, 94) });
    expect(report.wards[0]!.weighting).toBeNull();
  });

  it("says a ward with an empty margin is not weighted, and why, and shows its unweighted figure", async () => {
    const report = await indicatorByWard(db, feelSafe, await windows("2026/27 Q2"), options());
    const brookSide = report.wards[1]!;
    expect(brookSide.weighting).toEqual({
      isWeighted: false,
      reason: "no respondent gave their age band as 16 to 24, which has 500 people in the 2025 population estimates (an empty margin)",
    });
    expect(brookSide.estimate).toEqual({ numerator: 25, base: 60, ...wilsonInterval(25, 60) });
    expect(report.area.weighting).toEqual({
      isWeighted: false,
      reason: "weighting was not possible in 1 of the 3 wards with responses (Brook Side); each ward’s figure says why",
    });
    // Brook Side, Q3 against Q2: a weighted figure is never set against an unweighted one.
    const weighted = await indicatorByWard(db, feelSafe, await windows("2026/27 Q3"), options());
    const unweighted = await indicatorByWard(db, feelSafe, await windows("2026/27 Q3"), options({ isWeighted: false }));
    expect(weighted.wards[1]!.weighting).toMatchObject({ isWeighted: true });
    expect(weighted.wards[1]!.change).toBeNull();
    expect(unweighted.wards[1]!.change).not.toBeNull();
  });

  it("says so when no population estimates are loaded for the window's year or before", async () => {
    await db.updateTable("population_estimate").set({ year: 2027 }).execute();
    try {
      const report = await indicatorByWard(db, feelSafe, await windows("2026/27 Q3"), options());
      expect(report.wards[0]!.weighting).toEqual({ isWeighted: false, reason: "no population estimates for 2026 or earlier are loaded for this ward" });
      expect(report.wards[0]!.estimate).toMatchObject({ numerator: 40, base: 94 });
    } finally {
      await db.updateTable("population_estimate").set({ year: 2025 }).execute();
    }
  });

  it("hides exactly what the unweighted report hides, whoever reads it", async () => {
    for (const canSeeSuppressed of [false, true]) {
      const weighted = await indicatorByWard(db, feelSafe, await windows("2026/27 Q3"), options({ canSeeSuppressed }));
      const unweighted = await indicatorByWard(db, feelSafe, await windows("2026/27 Q3"), options({ canSeeSuppressed, isWeighted: false }));
      expect(weighted.wards.map((w) => w.suppression)).toEqual(unweighted.wards.map((w) => w.suppression));
      expect(weighted.area.suppression).toEqual(unweighted.area.suppression);
      expect(weighted.wards.map((w) => w.estimate === null)).toEqual(unweighted.wards.map((w) => w.estimate === null));
    }
    // Castle Hill (10) is too small, and Abbey Green (94), the smaller of the rest, is hidden
    // with it; a CSP member sees neither figure, nor anything weighting says about them.
    const member = await indicatorByWard(db, feelSafe, await windows("2026/27 Q3"), options({ canSeeSuppressed: false }));
    expect(member.wards.map((w) => w.suppression.reason)).toEqual(["complementary", null, "below_threshold"]);
    for (const hidden of [member.wards[0]!, member.wards[2]!]) {
      expect(hidden).toMatchObject({ estimate: null, change: null, sources: [], weighting: null });
    }
  });
});
