// `npm run db:migrate`: bring the schema up to date and seed reference data, then exit.
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { getPreparedDatabase } from "~/lib/db/app-database";
import { runOrExplain } from "./run-or-explain";

await runOrExplain(async () => {
  const config = parseConfig(process.env);
  const prepared = await getPreparedDatabase();
  const applied = prepared.migrationsApplied;
  console.log(`${describeDatabase(config.database)}: ${applied.length === 0 ? "schema already up to date" : `applied ${applied.join(", ")}`}.`);
  console.log(`${prepared.area.name}: ${prepared.area.wardsInFile} wards (${prepared.area.wardsAdded} added); ${prepared.reportingPeriodsAdded} reporting period(s) added.`);
  await prepared.db.destroy();
});
