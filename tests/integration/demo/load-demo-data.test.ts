import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { seedDefaultSurvey } from "~/lib/surveys/default-survey";
import { findSurveyForResident } from "~/lib/surveys/resident-survey";
import { loadDemoData, removeDemoData, type DemoSummary } from "~/lib/demo/load-demo-data";
import { DEMO_FORCE, DEMO_SOURCE_NAMES, DEMO_SURVEY_SLUG } from "~/lib/demo/demo-markers";
import { testDatabases } from "../../support/test-databases";

const now = new Date("2026-11-25T10:37:12Z");
const PLANTED = ["Central", "Widemarsh", "Leominster South"];

describe.each(testDatabases())("demo data on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let before: Record<string, number>;
  let summary: DemoSummary;

  async function tableCounts(): Promise<Record<string, number>> {
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
    const counts: Record<string, number> = {};
    for (const { table_name } of tables.rows) {
      counts[table_name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table_name)}`.execute(db)).rows[0]!.n);
    }
    return counts;
  }

  // Loading 17,000 responses: over a minute on PGlite when the machine is busy.
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("db/reference/herefordshire/area.json"));
    await seedQuestionBank(db);
    // Periods from 2026/27 only, so the demo's four quarters need one more (2025/26 Q4).
    await ensureReportingPeriods(db, "2026-04-01", "2026-11-25");
    await seedDefaultSurvey(db, "Herefordshire Community Safety Partnership", "2026-10-01");
    // A real partner source and a real resident's response, which the demo must leave alone.
    await db.insertInto("partner_source").values({ name: "Herefordshire Council", agency: "council", tool: null }).execute();
    const version = await db.selectFrom("survey_version").select("id").where("status", "=", "published").executeTakeFirstOrThrow();
    const ward = await db.selectFrom("ward").select("id").where("name", "=", "Central").executeTakeFirstOrThrow();
    const period = await db.selectFrom("reporting_period").select("id").where("label", "=", "2026/27 Q3").executeTakeFirstOrThrow();
    await db.insertInto("survey_response").values({ channel: "web", ward_id: ward.id, reporting_period_id: period.id, survey_version_id: version.id, submitted_hour: "2026-11-25T09:00:00Z" }).execute();
    before = await tableCounts();
    // Four quarters, not the default eight: the same code, in half the time.
    const loaded = await loadDemoData(db, { seed: 7, quarters: 4, now });
    if (!loaded.ok) throw new Error(loaded.error);
    summary = loaded.value;
  }, 180_000);
  afterAll(() => close());

  const count = async (where: ReturnType<typeof sql<boolean>>) =>
    Number((await sql<{ n: number }>`select count(*) as n from survey_response r where ${where}`.execute(db)).rows[0]!.n);

  it("loads web and imported responses in every current ward over the last four quarters", async () => {
    expect(summary.wards).toBe(53);
    expect(summary.quarters).toEqual(["2025/26 Q4", "2026/27 Q1", "2026/27 Q2", "2026/27 Q3"]);
    expect(summary.reportingPeriodsAdded).toEqual(["2025/26 Q4"]);
    expect(summary.plantedWards.sort()).toEqual([...PLANTED].sort());
    const demoVersion = sql<boolean>`r.survey_version_id in (select v.id from survey_version v join survey s on s.id = v.survey_id where s.slug = ${DEMO_SURVEY_SLUG})`;
    expect(await count(sql<boolean>`r.channel = 'web' and ${demoVersion}`)).toBe(summary.responses.web);
    expect(summary.responses.web).toBeGreaterThan(3000);
    expect(summary.answers).toBe(Number((await sql<{ n: number }>`select count(*) as n from answer`.execute(db)).rows[0]!.n));
    const demoSource = sql<boolean>`r.partner_source_id in (select id from partner_source where name in (${sql.join(DEMO_SOURCE_NAMES)}))`;
    expect(await count(sql<boolean>`r.channel = 'import' and ${demoSource} and r.import_batch_id is not null`)).toBe(summary.responses.import);
    expect(summary.responsesBySource.every((s) => s.responses > 1000)).toBe(true);
    // The demo's own survey is closed, so no resident can ever answer it.
    expect(await findSurveyForResident(db, DEMO_SURVEY_SLUG, now)).toEqual({ ok: false, error: "SurveyClosed" });
    const spread = await sql<{ wards: number; periods: number }>`select count(distinct ward_id) as wards, count(distinct reporting_period_id) as periods from survey_response r where ${demoVersion} or ${demoSource}`.execute(db);
    expect(spread.rows[0]).toEqual({ wards: 53, periods: 4 });
    // One batch a partner a quarter, labelled as demo, each counting the responses it holds.
    const batches = await sql<{ n: number; mismatched: number }>`
      select count(*) as n, count(*) filter (where b.rows_imported <> (select count(*) from survey_response r where r.import_batch_id = b.id)) as mismatched
      from import_batch b where b.mapping ->> 'demo' = 'true' and b.original_file_name like 'demo-%.csv'`.execute(db);
    expect(batches.rows[0]).toEqual({ n: 8, mismatched: 0 });
  });

  it("keeps every demo response consistent with its survey, period and partner", async () => {
    // The provenance checks are constraints, so the rows exist only because they passed; what is
    // left to check is that each web response answered what the survey asked it, car filter and all.
    const wrongShape = await sql<{ n: number }>`
      select count(*) as n from survey_response r join survey_version v on v.id = r.survey_version_id join survey s on s.id = v.survey_id
      where s.slug = ${DEMO_SURVEY_SLUG} and (select count(*) from answer a where a.survey_response_id = r.id) <> (
        case when exists (select 1 from answer a join response_option o on o.id = a.response_option_id join question q on q.id = a.question_id
                          where a.survey_response_id = r.id and q.key = 'has_household_car' and o.key = 'yes') then 23 else 21 end)`.execute(db);
    expect(wrongShape.rows[0]!.n).toBe(0);
    const carlessWithCarWorry = await sql<{ n: number }>`
      select count(*) as n from answer a join question q on q.id = a.question_id join answer c on c.survey_response_id = a.survey_response_id
      join response_option co on co.id = c.response_option_id join question cq on cq.id = c.question_id
      where q.key in ('worry_car_stolen', 'worry_from_car') and cq.key = 'has_household_car' and co.key = 'no'`.execute(db);
    expect(carlessWithCarWorry.rows[0]!.n).toBe(0);
    // Every hour is inside its reporting period on UK dates, and none is after now.
    expect(await count(sql<boolean>`not exists (select 1 from reporting_period p where p.id = r.reporting_period_id
      and (r.submitted_hour at time zone 'Europe/London')::date >= p.starts_on and (r.submitted_hour at time zone 'Europe/London')::date < p.ends_before)`)).toBe(0);
    expect(await count(sql<boolean>`r.submitted_hour > ${now}`)).toBe(0);
    const equivalent = await sql<{ source: string; key: string }>`
      select distinct p.name as source, q.key from answer a join survey_response r on r.id = a.survey_response_id
      join partner_source p on p.id = r.partner_source_id join question q on q.id = a.question_id where a.comparability <> 'same'`.execute(db);
    expect(equivalent.rows).toEqual([{ source: "Demo: Herefordshire Council (Microsoft Forms)", key: "safe_after_dark" }]);
  });

  async function shareByQuarter(wards: "planted" | "others", measure: "safe" | "high_asb") {
    const inWards = wards === "planted" ? sql<boolean>`w.name in (${sql.join(PLANTED)})` : sql<boolean>`w.name not in (${sql.join(PLANTED)})`;
    const rows = measure === "safe"
      // Very or fairly safe; "I never walk alone after dark" is out of the base (DOMAIN.md default).
      ? await sql<{ label: string; share: number }>`
          select p.label, avg(case when o.key in ('very_safe', 'fairly_safe') then 1.0 else 0.0 end)::float8 as share
          from answer a join question q on q.id = a.question_id and q.key = 'safe_after_dark' join response_option o on o.id = a.response_option_id
          join survey_response r on r.id = a.survey_response_id join ward w on w.id = r.ward_id join reporting_period p on p.id = r.reporting_period_id
          where ${inWards} and o.key <> 'never_walk_alone' group by p.label`.execute(db)
      // High perceived ASB: the seven strands scored 3/2/1/0 ("Don't know" 0) sum to 11 or more.
      : await sql<{ label: string; share: number }>`
          select label, avg(case when score >= 11 then 1.0 else 0.0 end)::float8 as share from (
            select p.label, r.id, sum(coalesce(o.score, 0)) as score from answer a join question q on q.id = a.question_id and q.key like 'asb\_%' and q.key <> 'asb_experienced'
            join response_option o on o.id = a.response_option_id join survey_response r on r.id = a.survey_response_id
            join ward w on w.id = r.ward_id join reporting_period p on p.id = r.reporting_period_id
            where ${inWards} group by p.label, r.id having count(*) = 7) scored group by label`.execute(db);
    const share = new Map(rows.rows.map((r) => [r.label, r.share]));
    return { first: share.get(summary.quarters[0]!)!, last: share.get(summary.quarters.at(-1)!)! };
  }

  it("plants a fall in feeling safe and a rise in perceived ASB in three wards, and none elsewhere", async () => {
    const planted = await shareByQuarter("planted", "safe");
    const others = await shareByQuarter("others", "safe");
    expect(planted.first - planted.last).toBeGreaterThan(0.1);
    expect(Math.abs(others.first - others.last)).toBeLessThan(0.05);
    expect(others.first).toBeGreaterThan(0.68);
    expect(others.first).toBeLessThan(0.8);
    const asbPlanted = await shareByQuarter("planted", "high_asb");
    const asbOthers = await shareByQuarter("others", "high_asb");
    expect(asbPlanted.last - asbPlanted.first).toBeGreaterThan(0.05);
    expect(Math.abs(asbOthers.first - asbOthers.last)).toBeLessThan(0.04);
  });

  it("loads recorded crime for the demo force in every ward, for each month of the quarters that has ended", async () => {
    expect(summary.recordedCrime.months).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    const [batch] = await db.selectFrom("recorded_crime_batch").selectAll().where("force", "=", DEMO_FORCE).execute();
    expect(batch).toMatchObject({ status: "committed", months: summary.recordedCrime.months, rows_read: summary.recordedCrime.crimes + summary.recordedCrime.antiSocialBehaviour });
    const months = await db.selectFrom("recorded_crime_month").select("month").where("batch_id", "=", batch!.id).execute();
    expect(months).toHaveLength(10);
    const totals = await sql<{ wards: number; asb: number; crimes: number }>`
      select count(distinct ward_id)::int as wards,
        coalesce(sum(count) filter (where crime_type = 'Anti-social behaviour'), 0)::int as asb,
        coalesce(sum(count) filter (where crime_type <> 'Anti-social behaviour'), 0)::int as crimes
      from recorded_crime_count where batch_id = ${batch!.id}`.execute(db);
    expect(totals.rows[0]).toEqual({ wards: 53, asb: summary.recordedCrime.antiSocialBehaviour, crimes: summary.recordedCrime.crimes });
    // About 4 to 50 crimes a ward a month: a rural force's level, not a city's.
    expect(summary.recordedCrime.crimes / (53 * 10)).toBeGreaterThan(4);
    expect(summary.recordedCrime.crimes / (53 * 10)).toBeLessThan(50);
  });

  it("refuses to load the demo data twice", async () => {
    const counts = await tableCounts();
    expect(await loadDemoData(db, { seed: 7, now })).toEqual({ ok: false, error: "AlreadyLoaded" });
    expect(await tableCounts()).toEqual(counts);
  });

  it("removes the demo data and leaves every table as it was before", async () => {
    const removed = await removeDemoData(db);
    expect(removed).toEqual({ responses: summary.responses.web + summary.responses.import, importBatches: 8, partnerSources: 2, surveys: 1, reportingPeriods: 1, recordedCrimeBatches: 1 });
    expect(await tableCounts()).toEqual(before);
    expect(await removeDemoData(db)).toEqual({ responses: 0, importBatches: 0, partnerSources: 0, surveys: 0, reportingPeriods: 0, recordedCrimeBatches: 0 });
  });
});
