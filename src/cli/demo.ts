// `npm run demo`: load a clearly labelled synthetic data set, so that a newcomer sees every
// report working; `npm run demo -- --remove` takes it out again. Nothing loads it by default.
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { getPreparedDatabase } from "~/lib/db/app-database";
import { DEMO_FORCE, DEMO_NOTICE, DEMO_SURVEY_TITLE } from "~/lib/demo/demo-markers";
import { loadDemoData, removeDemoData, type DemoProblem } from "~/lib/demo/load-demo-data";
import { warmReportRollups } from "~/lib/reports/warm-rollups";
import { runOrExplain } from "./run-or-explain";

const PROBLEMS: Record<DemoProblem, string> = {
  AlreadyLoaded: "The demo data is already loaded, so nothing was added. To load it afresh, remove it first: npm run demo -- --remove",
  DefaultSurveyMissing: "The default survey \"Feeling safe in your neighbourhood\" has no published version to copy, so nothing was added.",
  NoWards: "There are no current wards to put demo responses in, so nothing was added. Load the area's wards first.",
};

const number = (n: number) => n.toLocaleString("en-GB");

await runOrExplain(async () => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--remove");
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(" ")}. Use npm run demo, or npm run demo -- --remove`);
  const config = parseConfig(process.env);
  if (config.database.kind === "pglite") {
    console.log("Stop the Neighbourhood Pulse server first: the embedded database can be open in only one process at a time.");
  }
  const prepared = await getPreparedDatabase();
  try {
    if (args.includes("--remove")) {
      console.log(`Removing the demo data from ${describeDatabase(config.database)}…`);
      const removed = await removeDemoData(prepared.db);
      if (removed.surveys + removed.partnerSources + removed.recordedCrimeBatches === 0) {
        console.log("No demo data was loaded, so nothing was removed.");
        return;
      }
      console.log(`Removed ${number(removed.responses)} demo responses and their answers, ${removed.importBatches} demo import batches, ` +
        `${removed.partnerSources} demo partner sources, the demo survey, the demo force's recorded crime and ${removed.reportingPeriods} reporting period(s) the demo had added.`);
      console.log("Residents' responses and everything else were left as they were.");
      return;
    }

    console.log(`Loading synthetic demo data into ${describeDatabase(config.database)}…`);
    const started = performance.now();
    const loaded = await loadDemoData(prepared.db, { now: new Date() });
    if (!loaded.ok) {
      console.error(PROBLEMS[loaded.error]);
      process.exitCode = 1;
      return;
    }
    const demo = loaded.value;
    // So that the newcomer's first report is as quick as every later one (response-rollups.ts).
    const periods = await prepared.db.selectFrom("reporting_period").select("id").execute();
    await warmReportRollups(prepared.db, periods.map((p) => p.id));
    const quarters = demo.quarters;
    console.log(`Loaded ${number(demo.responses.web + demo.responses.import)} responses with ${number(demo.answers)} answers in ${((performance.now() - started) / 1000).toFixed(1)} s:`);
    console.log(`  web: ${number(demo.responses.web)}, to the closed survey "${DEMO_SURVEY_TITLE}"`);
    console.log(`  import: ${number(demo.responses.import)}`);
    for (const source of demo.responsesBySource) console.log(`    ${source.name}: ${number(source.responses)}`);
    console.log(`  ${demo.wards} wards; ${quarters.length} quarters, ${quarters[0]} to ${quarters.at(-1)}` +
      (demo.reportingPeriodsAdded.length > 0 ? ` (reporting periods added: ${demo.reportingPeriodsAdded.join(", ")})` : ""));
    console.log(`  Planted change in the latest quarter (feeling safe after dark falls about 25 points, perceived ASB rises; twice the responses in the last two quarters): ${demo.plantedWards.join(", ")}.`);
    const crime = demo.recordedCrime;
    if (crime.months.length > 0) {
      console.log(`  Recorded crime for "${DEMO_FORCE}", ${crime.months[0]} to ${crime.months.at(-1)}: ${number(crime.crimes)} crimes and ${number(crime.antiSocialBehaviour)} incidents of anti-social behaviour, level in the planted wards.`);
    }
    console.log(DEMO_NOTICE);
    console.log("Take it out again with: npm run demo -- --remove");
  } finally {
    await prepared.db.destroy();
  }
});
