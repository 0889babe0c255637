import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { DEMO_FORCE, DEMO_SOURCE_NAMES, DEMO_SURVEY_SLUG } from "./demo-markers";

export type DemoRemoval = { responses: number; importBatches: number; partnerSources: number; surveys: number; reportingPeriods: number; recordedCrimeBatches: number };

/**
 * Takes the demo data out again, in one transaction: the demo survey's responses, the demo
 * partner sources' import batches (their responses and answers go with them), the sources, the
 * demo survey, the demo force's recorded crime (its months and counts go with it), and the reporting periods the demo added that no other response uses. Residents'
 * answers and everything else are left alone. Removing when nothing is loaded removes nothing.
 */
export async function removeDemoData(db: Kysely<Database>): Promise<DemoRemoval> {
  return db.transaction().execute(async (trx) => {
    const surveys = await trx.selectFrom("survey").select("id").where("slug", "=", DEMO_SURVEY_SLUG).execute();
    const sources = await trx.selectFrom("partner_source").select("id").where("name", "in", DEMO_SOURCE_NAMES).execute();
    const surveyIds = surveys.map((s) => s.id);
    const sourceIds = sources.map((s) => s.id);
    const batches = sourceIds.length === 0 ? [] : await trx.selectFrom("import_batch").select(["id", "mapping"]).where("partner_source_id", "in", sourceIds).execute();
    const periodLabels = new Set(batches.flatMap((b) => periodsAddedBy(b.mapping)));

    let responses = 0;
    if (surveyIds.length > 0) {
      const versions = trx.selectFrom("survey_version").select("id").where("survey_id", "in", surveyIds);
      const web = await trx.deleteFrom("survey_response").where("survey_version_id", "in", versions).executeTakeFirst();
      responses += Number(web.numDeletedRows);
    }
    if (sourceIds.length > 0) {
      // Any response of a demo source, in a batch or not, is demo data; answers cascade.
      const imported = await trx.deleteFrom("survey_response").where("partner_source_id", "in", sourceIds).executeTakeFirst();
      responses += Number(imported.numDeletedRows);
      await trx.deleteFrom("import_batch").where("partner_source_id", "in", sourceIds).execute();
      await trx.deleteFrom("partner_source").where("id", "in", sourceIds).execute();
    }
    if (surveyIds.length > 0) await trx.deleteFrom("survey").where("id", "in", surveyIds).execute(); // versions and their questions cascade

    const crime = await trx.deleteFrom("recorded_crime_batch").where("force", "=", DEMO_FORCE).executeTakeFirst();
    const recordedCrimeBatches = Number(crime.numDeletedRows);

    let reportingPeriods = 0;
    if (periodLabels.size > 0) {
      const deleted = await trx
        .deleteFrom("reporting_period")
        .where("label", "in", [...periodLabels])
        .where((eb) => eb.not(eb.exists(eb.selectFrom("survey_response").select("survey_response.id").whereRef("survey_response.reporting_period_id", "=", "reporting_period.id"))))
        .executeTakeFirst();
      reportingPeriods = Number(deleted.numDeletedRows);
    }
    return { responses, importBatches: batches.length, partnerSources: sourceIds.length, surveys: surveyIds.length, reportingPeriods, recordedCrimeBatches };
  });
}

/** The labels of the reporting periods a demo import batch records adding (load-demo-data.ts). */
function periodsAddedBy(mapping: unknown): string[] {
  const added = typeof mapping === "object" && mapping !== null ? (mapping as { reportingPeriodsAdded?: unknown }).reportingPeriodsAdded : undefined;
  return Array.isArray(added) ? added.filter((label): label is string => typeof label === "string") : [];
}
