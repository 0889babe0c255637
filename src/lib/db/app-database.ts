import type { Kysely } from "kysely";
import { parseConfig, type AppConfig } from "~/lib/config/config";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea, type LoadedArea } from "~/lib/geography/load-area";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { seedDefaultSurvey } from "~/lib/surveys/default-survey";
import { recoverInterruptedImports } from "~/lib/imports/import-job-runner";
import { readSettings } from "~/lib/settings/settings";
import { todayInUk } from "~/lib/periods/uk-date";
import { openDatabase } from "./client";
import { migrateToLatest } from "./migrate";
import type { Database } from "./schema";

export type PreparedDatabase = {
  db: Kysely<Database>;
  migrationsApplied: string[];
  area: LoadedArea & { name: string };
  reportingPeriodsAdded: number;
};

/** Opens the database, migrates it and seeds the reference data the product needs to run. */
export async function prepareDatabase(config: AppConfig): Promise<PreparedDatabase> {
  const area = await readAreaConfig(config.areaConfigPath);
  const db = await openDatabase(config.database);
  try {
    const migrationsApplied = await migrateToLatest(db);
    const loaded = await loadArea(db, area);
    await seedQuestionBank(db);
    const today = todayInUk();
    const reportingPeriodsAdded = await ensureReportingPeriods(db, area.reportingPeriodsFrom, today, (await readSettings(db)).reportingYearStartMonth);
    const currentPeriod = await db.selectFrom("reporting_period").select("starts_on").where("starts_on", "<=", today).where("ends_before", ">", today).executeTakeFirstOrThrow();
    await seedDefaultSurvey(db, area.partnershipName, String(currentPeriod.starts_on));
    // Only this process can have PGlite open, so an import still "saving" was cut off by a crash:
    // give it back to the officer now rather than after the heartbeat goes stale.
    if (config.database.kind === "pglite") await recoverInterruptedImports(db, 0);
    return { db, migrationsApplied, area: { ...loaded, name: area.localArea.name }, reportingPeriodsAdded };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

// One database per process. It lives on globalThis because the start script (run by tsx) and the
// built server (bundled by Vite) load this module separately, and `astro dev` re-evaluates it;
// all must share one PGlite, which may be opened only once per data folder.
const holder = globalThis as typeof globalThis & { __neighbourhoodPulseDb?: Promise<PreparedDatabase> };

export function getPreparedDatabase(): Promise<PreparedDatabase> {
  holder.__neighbourhoodPulseDb ??= prepareDatabase(parseConfig(process.env)).catch((error) => {
    holder.__neighbourhoodPulseDb = undefined; // a failed start may be retried, never cached
    throw error;
  });
  return holder.__neighbourhoodPulseDb;
}

export const getDb = async (): Promise<Kysely<Database>> => (await getPreparedDatabase()).db;
