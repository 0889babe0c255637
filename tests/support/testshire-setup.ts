import type { Kysely } from "kysely";
import { migrateToLatest } from "~/lib/db/migrate";
import type { Database } from "~/lib/db/schema";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { seedDefaultSurvey } from "~/lib/surveys/default-survey";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";

/** Testshire's three made-up wards, the question bank, 2026/27's quarters to 25 November and the default survey: what a report test starts from. */
export async function prepareTestshireDatabase(db: Kysely<Database>): Promise<void> {
  await migrateToLatest(db);
  await loadArea(db, await readAreaConfig("tests/fixtures/areas/testshire/area.json"));
  await seedQuestionBank(db);
  await ensureReportingPeriods(db, "2026-04-01", "2026-11-25");
  await seedDefaultSurvey(db, "Testshire", "2026-04-01");
}
