import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { reportingQuarterOf, reportingQuartersBetween } from "~/lib/periods/financial-quarter";
import { readSettings } from "~/lib/settings/settings";
import { todayInUk } from "~/lib/periods/uk-date";
import { err, ok, type Result } from "~/lib/result";
import { DEFAULT_SURVEY_SLUG } from "~/lib/surveys/default-survey";
import { DEMO_FORCE, DEMO_NOTICE, DEMO_SOURCE_NAMES, DEMO_SOURCES, DEMO_SURVEY_SLUG, DEMO_SURVEY_TITLE } from "./demo-markers";
import { planWards } from "./demo-plan";
import { insertDemoRecordedCrime, type DemoRecordedCrime } from "./demo-recorded-crime";
import { generateDemoResponses } from "./generate-demo-responses";
import { insertDemoResponses, type DemoResponseRow } from "./insert-demo-responses";
import { mulberry32 } from "./pseudo-random";
import { readQuestionBank, readSurveyQuestions } from "./read-question-bank";

export { removeDemoData, type DemoRemoval } from "./remove-demo-data";

export type DemoOptions = { seed?: number; quarters?: number; now: Date };
export type DemoProblem = "AlreadyLoaded" | "DefaultSurveyMissing" | "NoWards";
export type DemoSummary = {
  responses: { web: number; import: number };
  responsesBySource: { name: string; responses: number }[];
  answers: number;
  wards: number;
  quarters: string[];
  reportingPeriodsAdded: string[];
  plantedWards: string[];
  recordedCrime: DemoRecordedCrime;
};

const DEFAULT_SEED = 20_261_125;

/**
 * Loads a synthetic, clearly labelled data set so that a newcomer sees every report working:
 * web responses to a closed copy of the default survey and two demo partner sources' imports,
 * in every current ward over the last `quarters` financial quarters, with a planted change in
 * a few wards, and recorded crime for a demo force in the months of those quarters that ended. All in one transaction; refused when demo data is already there.
 */
export async function loadDemoData(db: Kysely<Database>, options: DemoOptions): Promise<Result<DemoSummary, DemoProblem>> {
  const seed = options.seed ?? DEFAULT_SEED;
  const today = todayInUk(options.now);
  return db.transaction().execute(async (trx) => {
    const demoSurvey = await trx.selectFrom("survey").select("id").where("slug", "=", DEMO_SURVEY_SLUG).executeTakeFirst();
    const demoSource = await trx.selectFrom("partner_source").select("id").where("name", "in", DEMO_SOURCE_NAMES).executeTakeFirst();
    const demoCrime = await trx.selectFrom("recorded_crime_batch").select("id").where("force", "=", DEMO_FORCE).executeTakeFirst();
    if (demoSurvey || demoSource || demoCrime) return err("AlreadyLoaded" as const);

    const published = await trx
      .selectFrom("survey_version")
      .innerJoin("survey", "survey.id", "survey_version.survey_id")
      .select("survey_version.id")
      .where("survey.slug", "=", DEFAULT_SURVEY_SLUG)
      .where("survey_version.status", "=", "published")
      .orderBy("survey_version.version_number", "desc")
      .executeTakeFirst();
    if (!published) return err("DefaultSurveyMissing" as const);
    const wards = await trx
      .selectFrom("ward")
      .select(["id", "name"])
      .where("valid_from", "<=", today)
      .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", today)]))
      .orderBy("gss_code")
      .execute();
    if (wards.length === 0) return err("NoWards" as const);

    const bank = await readQuestionBank(trx);
    const surveyQuestions = await readSurveyQuestions(trx, published.id, bank);

    const quarters = lastQuarters(today, options.quarters ?? 8, (await readSettings(trx)).reportingYearStartMonth);
    const added = await trx
      .insertInto("reporting_period")
      .values(quarters.map((q) => ({ label: q.label, starts_on: q.startsOn, ends_before: q.endsBefore })))
      .onConflict((oc) => oc.column("starts_on").doNothing())
      .returning("label")
      .execute();
    const periods = await trx.selectFrom("reporting_period").select(["id", "starts_on"]).where("starts_on", "in", quarters.map((q) => q.startsOn)).execute();
    const periodId = quarters.map((q) => periods.find((p) => String(p.starts_on).slice(0, 10) === q.startsOn)!.id);

    const survey = await trx.insertInto("survey").values({ slug: DEMO_SURVEY_SLUG }).returning("id").executeTakeFirstOrThrow();
    const opensAt = new Date(`${quarters[0]!.startsOn}T00:00:00Z`);
    const version = await trx
      .insertInto("survey_version")
      .values({
        survey_id: survey.id, version_number: 1, status: "closed", title: DEMO_SURVEY_TITLE,
        introduction: `${DEMO_NOTICE} Loaded by npm run demo; npm run demo -- --remove takes it out again.`,
        opens_at: opensAt, closes_at: options.now > opensAt ? options.now : new Date(opensAt.getTime() + 3_600_000), published_at: opensAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (surveyQuestions.stored.length > 0) {
      await trx.insertInto("survey_question").values(surveyQuestions.stored.map((q) => ({ ...q, survey_version_id: version.id }))).execute();
    }

    const random = mulberry32(seed);
    const plans = planWards(random, wards, quarters.length);
    const respondents = generateDemoResponses(random, plans, quarters, options.now, surveyQuestions.asked, bank.optionKeys);

    const sourceIds: number[] = [];
    const batchIds = new Map<string, number>();
    const mapping = JSON.stringify({ demo: true, reportingPeriodsAdded: added.map((a) => a.label) });
    for (const [s, source] of DEMO_SOURCES.entries()) {
      const row = await trx.insertInto("partner_source").values({ name: source.name, agency: source.agency, tool: source.tool }).returning("id").executeTakeFirstOrThrow();
      sourceIds.push(row.id);
      for (const [q, quarter] of quarters.entries()) {
        const count = respondents.filter((r) => r.source === s && r.quarter === q).length;
        if (count === 0) continue;
        const fileName = `${source.fileStem}-${quarter.label.replace(/\W+/g, "-").toLowerCase()}.csv`;
        const batch = await trx
          .insertInto("import_batch")
          .values({
            partner_source_id: row.id, kind: "responses", tool_recognised: source.tool, original_file_name: fileName,
            file_sha256: createHash("sha256").update(`demo ${fileName} seed ${seed}`).digest("hex"), // made up: there is no file
            mapping, rows_read: count, rows_imported: count,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        batchIds.set(`${s}:${q}`, batch.id);
      }
    }

    const respondentCount = DEMO_SOURCES.map(() => 0);
    const rows = respondents.map((r): DemoResponseRow => {
      const base = { ward_id: r.wardId, reporting_period_id: periodId[r.quarter]!, submitted_hour: r.submittedHour };
      const equivalent = r.source === null ? [] : DEMO_SOURCES[r.source]!.equivalentKeys;
      const answers = r.answers.map((a) => ({
        question_id: bank.questionId.get(a.questionKey)!,
        response_option_id: bank.optionId.get(`${a.questionKey}:${a.optionKey}`)!,
        comparability: equivalent.includes(a.questionKey) ? ("equivalent" as const) : ("same" as const),
      }));
      if (r.source === null) return { response: { ...base, channel: "web", survey_version_id: version.id }, answers };
      const partnerRespondentId = DEMO_SOURCES[r.source]!.respondentId(++respondentCount[r.source]!);
      return {
        response: { ...base, channel: "import", partner_source_id: sourceIds[r.source]!, import_batch_id: batchIds.get(`${r.source}:${r.quarter}`)!, partner_respondent_id: partnerRespondentId },
        answers,
      };
    });
    const answers = await insertDemoResponses(trx, rows);
    const recordedCrime = await insertDemoRecordedCrime(trx, mulberry32(seed + 1), plans, quarters.map((q) => q.startsOn), today);

    const web = respondents.filter((r) => r.source === null).length;
    return ok({
      responses: { web, import: respondents.length - web },
      responsesBySource: DEMO_SOURCES.map((s, i) => ({ name: s.name, responses: respondentCount[i]! })),
      answers,
      wards: wards.length,
      quarters: quarters.map((q) => q.label),
      reportingPeriodsAdded: added.map((a) => a.label),
      plantedWards: plans.filter((p) => p.isPlanted).map((p) => p.name),
      recordedCrime,
    });
  });
}

/** The `count` quarters of the reporting year ending with the one holding `today`, oldest first. */
function lastQuarters(today: string, count: number, yearStartMonth: number) {
  let first = reportingQuarterOf(today, yearStartMonth);
  for (let i = 1; i < count; i++) {
    first = reportingQuarterOf(new Date(Date.parse(`${first.startsOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), yearStartMonth);
  }
  return reportingQuartersBetween(first.startsOn, today, yearStartMonth);
}
