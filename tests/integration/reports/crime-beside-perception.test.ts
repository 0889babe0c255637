import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { commitRecordedCrime } from "~/lib/crime/commit-recorded-crime";
import { previewRecordedCrime } from "~/lib/crime/preview-recorded-crime";
import type { StreetCrimeFile } from "~/lib/crime/tally-street-crime";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { AGE_BANDS } from "~/lib/geography/population/population-labels";
import { loadPopulationEstimates } from "~/lib/geography/population/load-population-estimates";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { areaCrimeBesidePerception } from "~/lib/reports/area-crime-beside-perception";
import { crimeBesidePerception } from "~/lib/reports/crime-beside-perception";
import { indicatorByWard, type ReportOptions } from "~/lib/reports/indicator-by-ward";
import { listIndicatorDefinitions } from "~/lib/reports/indicator-definition";
import { perceptionCrimeGap } from "~/lib/reports/perception-crime-gap";
import { perceptionCrimeGapTable } from "~/lib/reports/perception-crime-gap-table";
import type { ReportRequest } from "~/lib/reports/report-request";
import { listPeriods, windowsEndingAt, type Pooling } from "~/lib/reports/reporting-windows";
import { wardTrends } from "~/lib/reports/ward-trends";
import { seedDefaultSurvey } from "~/lib/surveys/default-survey";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { wilsonInterval } from "~/lib/stats/wilson-interval";
import { testDatabases } from "../../support/test-databases";

const CENTRAL = "E05009449";
const TUPSLEY = "E05009486";
const ARROW = "E05009438";
const HEADER = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
const fixture = (name: string): StreetCrimeFile => ({ name, bytes: once(readFileSync(`tests/fixtures/police/${name}`)) });

// Answers to the safety question ("fairly safe" is yes), by quarter and ward, with a threshold of 30:
//   2023/24 Q4: Central 25 of 40 and Tupsley 10 of 20, so the area is 35 of 60, published;
//   2024/25 Q1: Central 8 of 12 only, so the area (12) is below the threshold and hidden.
const ANSWERS: Record<string, Record<string, [yes: number, no: number]>> = {
  "2023/24 Q4": { [CENTRAL]: [25, 15], [TUPSLEY]: [10, 10] },
  "2024/25 Q1": { [CENTRAL]: [8, 4] },
};
// Recorded crime, from the police fixtures (tests/fixtures/police/README.md):
//   March 2024: 8 crimes and 2 incidents of ASB placed in wards (Central 3 crimes);
//   April 2024: 2 crimes (Central, Arrow) and 1 ASB (Tupsley);
//   May 2024, made here: 1,000 shoplifting offences and 100 ASB incidents, all in Central.
// Population (tests/fixtures/population/herefordshire-made-up.csv): 203,513 aged 16 or over in
// all, 3,901 in Central (summed from the file's rows, outside the product).

describe.each(testDatabases())("recorded crime beside perception, for the area and ward by ward, on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  const wardId: Record<string, number> = {};
  let admin: { id: number; email: string; role: "administrator" };

  const request = async (pooling: Pooling, canSeeSuppressed: boolean, isWeighted = false, endingAt = "2024/25 Q1"): Promise<ReportRequest> => {
    const periods = await listPeriods(db);
    const periodId = periods.find((p) => p.label === endingAt)!.id;
    const options: ReportOptions = { threshold: 30, confidence: 0.95, comparability: ["same", "equivalent"], canSeeSuppressed, onDate: "2024-11-25", isWeighted };
    return { periods, periodId, pooling, comparabilityChoice: "same_and_equivalent", sourcesChoice: "all", isWeighted, windows: windowsEndingAt(periods, periodId, pooling)!, options };
  };
  const load = async (files: StreetCrimeFile[]) => {
    const preview = await previewRecordedCrime(db, admin, files);
    if (!preview.ok) throw new Error(`Expected a preview, got ${JSON.stringify(preview.error)}`);
    const loaded = await commitRecordedCrime(db, admin, { uploadId: preview.value.uploadId, replace: false });
    if (!loaded.ok) throw new Error(`Expected a load, got ${JSON.stringify(loaded.error)}`);
  };
  const lastTwo = async (pooling: Pooling = "quarter", canSeeSuppressed = false) => (await areaCrimeBesidePerception(db, await request(pooling, canSeeSuppressed))).windows.slice(-2);

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("db/reference/herefordshire/area.json"));
    await seedQuestionBank(db);
    await ensureReportingPeriods(db, "2023-04-01", "2024-12-31");
    await seedDefaultSurvey(db, "Herefordshire", "2023-04-01");
    for (const ward of await db.selectFrom("ward").select(["id", "gss_code"]).execute()) wardId[ward.gss_code] = ward.id;
    admin = { ...(await db.insertInto("app_user").values({ email: "ada@example.test", display_name: "ada", role: "administrator", password_hash: "not used" }).returning(["id", "email"]).executeTakeFirstOrThrow()), role: "administrator" };

    const version = await db.selectFrom("survey_version").select("id").executeTakeFirstOrThrow();
    const options = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id")
      .select(["response_option.id", "response_option.key", "question.key as question", "question.id as questionId"]).execute();
    const option = (question: string, key: string) => options.find((o) => o.question === question && o.key === key)!;
    for (const [label, wards] of Object.entries(ANSWERS)) {
      const period = await db.selectFrom("reporting_period").select("id").where("label", "=", label).executeTakeFirstOrThrow();
      for (const [code, [yes, no]] of Object.entries(wards)) {
        const keys = [...Array<string>(yes).fill("fairly_safe"), ...Array<string>(no).fill("very_unsafe")];
        const responses = await db.insertInto("survey_response")
          .values(keys.map(() => ({ channel: "web" as const, ward_id: wardId[code]!, reporting_period_id: period.id, survey_version_id: version.id, submitted_hour: "2024-06-25T10:00:00Z" })))
          .returning("id").execute();
        // Every resident gives age band and sex, every band and sex among them, so that weighting
        // (which leaves no margin empty) is possible once population estimates are loaded.
        await db.insertInto("answer").values(responses.flatMap((r, i) => [option("safe_after_dark", keys[i]!), option("age_band", AGE_BANDS[i % AGE_BANDS.length]!.key), option("sex", i % 2 ? "female" : "male")]
          .map((o) => ({ survey_response_id: r.id, question_id: o.questionId, response_option_id: o.id })))).execute();
      }
    }
    await load([fixture("2024-03-west-mercia-street.csv"), fixture("2024-04-west-mercia-street.csv")]);
  });
  afterAll(() => close());

  it("sums every ward's recorded crime and ASB per quarter, as counts while no population is loaded", async () => {
    expect(await lastTwo()).toEqual([
      { label: "2023/24 Q4", crimes: 8, antiSocialBehaviour: 2, crimesPer1000: null, antiSocialBehaviourPer1000: null, monthsLoaded: 1, monthsInWindow: 3 },
      { label: "2024/25 Q1", crimes: 2, antiSocialBehaviour: 1, crimesPer1000: null, antiSocialBehaviourPer1000: null, monthsLoaded: 1, monthsInWindow: 3 },
    ]);
  });

  it("sums a rolling year's quarters", async () => {
    const [, latest] = await lastTwo("rolling_year");
    expect(latest).toMatchObject({ label: "4 quarters to 2024/25 Q1", crimes: 10, antiSocialBehaviour: 3, monthsLoaded: 2, monthsInWindow: 12 });
  });

  it("sets beside it the area's figure for feeling safe after dark, hidden below the threshold for a CSP member", async () => {
    const member = await areaCrimeBesidePerception(db, await request("quarter", false));
    const [q4, q1] = member.perception!.points.slice(-2);
    expect(q4!.estimate).toEqual({ numerator: 35, base: 60, ...wilsonInterval(35, 60) });
    expect(q1!.estimate).toBeNull();
    expect(q1!.suppression).toEqual({ isSuppressed: true, reason: "below_threshold" });
    // The chart draws only the published figure: 35 / 60 = 58.3%.
    expect(member.chart!.estimate.slice(-2)).toEqual([58.3, null]);
    // Five quarters from 2023/24 Q1; crime is loaded for one month of each of the last two, so
    // neither is drawn: a third of a quarter would look like a fall.
    expect(member.chart!.secondary).toEqual({ title: "Recorded crimes", values: [null, null, null, null, null] });

    const administrator = await areaCrimeBesidePerception(db, await request("quarter", true));
    expect(administrator.perception!.points.at(-1)!.estimate).toEqual({ numerator: 8, base: 12, ...wilsonInterval(8, 12) });
    expect(administrator.chart!.estimate.at(-1)).toBeNull();
  });

  it("gives rates per 1,000 aged 16 or over once every ward has a population, and counts again when one has none", async () => {
    const population = await loadPopulationEstimates(db, once(readFileSync("tests/fixtures/population/herefordshire-made-up.csv")), {
      year: 2023, source: "made up", onDate: "2024-01-01", loadedBy: admin, fileName: "herefordshire-made-up.csv",
    });
    expect(population.ok).toBe(true);
    const row = (type: string) => `,2024-05,West Mercia Police,West Mercia Police,-2.7157,52.0543,On or near Cathedral Close,,,${type},,`;
    const may = [HEADER, ...Array<string>(1000).fill(row("Shoplifting")), ...Array<string>(100).fill(row("Anti-social behaviour"))].join("\n");
    await load([{ name: "2024-05-west-mercia-street.csv", bytes: once(Buffer.from(may)) }]);

    // 2024/25 Q1: 2 + 1,000 = 1,002 crimes and 1 + 100 = 101 ASB over 203,513 people:
    // 4.92 and 0.50 per 1,000. 2023/24 Q4: 8 and 2 per 203,513 round to 0.0.
    const [q4, q1] = await lastTwo();
    expect(q1).toEqual({ label: "2024/25 Q1", crimes: 1002, antiSocialBehaviour: 101, crimesPer1000: 4.9, antiSocialBehaviourPer1000: 0.5, monthsLoaded: 2, monthsInWindow: 3 });
    expect(q4).toMatchObject({ crimes: 8, crimesPer1000: 0, antiSocialBehaviourPer1000: 0 });
    // The rolling year: 8 + 1,002 = 1,010 crimes, 4.96 per 1,000.
    expect((await lastTwo("rolling_year"))[1]).toMatchObject({ crimes: 1010, crimesPer1000: 5, monthsLoaded: 3 });

    // Central's own page: 1,001 crimes and 100 ASB over its 3,901 people: 256.6 and 25.6 per 1,000.
    const trends = await wardTrends(db, wardId[CENTRAL]!, await request("quarter", false));
    const central = await crimeBesidePerception(db, wardId[CENTRAL]!, trends!);
    expect(central.windows.at(-1)).toEqual({ label: "2024/25 Q1", crimes: 1001, antiSocialBehaviour: 100, crimesPer1000: 256.6, antiSocialBehaviourPer1000: 25.6, monthsLoaded: 2, monthsInWindow: 3 });

    expect((await areaCrimeBesidePerception(db, await request("quarter", false))).chart!.secondary!.title).toBe("Recorded crime per 1,000 aged 16+");

    await db.deleteFrom("population_estimate").where("ward_id", "=", wardId[ARROW]!).execute();
    expect((await lastTwo())[1]).toEqual({ label: "2024/25 Q1", crimes: 1002, antiSocialBehaviour: 101, crimesPer1000: null, antiSocialBehaviourPer1000: null, monthsLoaded: 2, monthsInWindow: 3 });
    const titled = await areaCrimeBesidePerception(db, await request("quarter", false));
    expect(titled.chart!.secondary!.title).toBe("Recorded crimes");
  });

  it("gives each window the area figure the overview gives, for every pooling, reader and weighting (population loaded)", async () => {
    const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === "feel_safe_after_dark")!;
    let weightedPoints = 0;
    for (const pooling of ["quarter", "rolling_year"] as const) {
      for (const canSeeSuppressed of [false, true]) {
        for (const isWeighted of [false, true]) {
          const req = await request(pooling, canSeeSuppressed, isWeighted);
          const { perception } = await areaCrimeBesidePerception(db, req);
          for (const point of perception!.points) {
            if (point.weighting?.isWeighted) weightedPoints += 1;
            const windows = windowsEndingAt(req.periods, point.window.periods.at(-1)!.id, pooling)!;
            const { area } = await indicatorByWard(db, indicator, windows, req.options);
            expect({ estimate: point.estimate, suppression: point.suppression, weighting: point.weighting }).toEqual({ estimate: area.estimate, suppression: area.suppression, weighting: area.weighting });
          }
        }
      }
    }
    // Not only figures that could not be weighted: some were.
    expect(weightedPoints).toBeGreaterThan(0);
  });

  it("ranks only published figures in the worry and crime table, even for an administrator, and lists the rest with the reason", async () => {
    // January and February 2024 complete 2023/24 Q4: one more crime in Central, and one in
    // Tupsley at the March fixture's burglary point.
    const row = (month: string, type: string, where: string) => `,${month},West Mercia Police,West Mercia Police,${where},On or near somewhere,,,${type},,`;
    await load([
      { name: "2024-01.csv", bytes: once(Buffer.from([HEADER, row("2024-01", "Shoplifting", "-2.7157,52.0543")].join("\n"))) },
      { name: "2024-02.csv", bytes: once(Buffer.from([HEADER, row("2024-02", "Burglary", "-2.681700,52.050800")].join("\n"))) },
    ]);
    const gap = await perceptionCrimeGap(db, await request("quarter", true, false, "2023/24 Q4"));
    // Tupsley's 20 responses are below the threshold, and with the area's 60 published, Central's
    // 40 would give them back by subtraction: both are listed with their crimes, neither ranked.
    expect(gap.ranked).toEqual([]);
    const rows = perceptionCrimeGapTable(gap).rows;
    expect(rows.find((r) => r[1] === TUPSLEY)).toEqual(["Tupsley", TUPSLEY, "2023/24 Q4", null, null, 2, 1, null, 3, 3, null, null, null, "Not ranked: Too few responses to publish", ""]);
    expect(rows.find((r) => r[1] === CENTRAL)).toEqual(["Central", CENTRAL, "2023/24 Q4", null, null, 4, 0, null, 3, 3, null, null, null, "Not ranked: Not published, so a smaller figure cannot be worked out from the others", ""]);
    expect(rows).toHaveLength(1 + 53);
  });
});
