// `npm run dev`: the same database preparation as `npm start`, then Astro's dev server in this
// process so that both share one PGlite.
import { dev } from "astro";
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { getPreparedDatabase } from "~/lib/db/app-database";
import { scheduleDraftCleanup } from "~/lib/surveys/survey-drafts";
import { runOrExplain } from "./run-or-explain";
import { signInInstructions } from "./sign-in-instructions";

await runOrExplain(async () => {
  const config = parseConfig(process.env);
  console.log(`Opening ${describeDatabase(config.database)}…`);
  const prepared = await getPreparedDatabase();
  scheduleDraftCleanup(prepared.db, console.error);
  const url = `http://${config.host === "127.0.0.1" ? "localhost" : config.host}:${config.port}`;
  console.log((await signInInstructions(prepared.db, url)).join("\n"));
  await dev({ root: process.cwd(), server: { port: config.port, host: config.host } });
});
