// `npm run dev`: the same database preparation as `npm start`, then Astro's dev server in this
// process so that both share one PGlite.
import { dev } from "astro";
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { getPreparedDatabase } from "~/lib/db/app-database";
import { runOrExplain } from "./run-or-explain";

await runOrExplain(async () => {
  const config = parseConfig(process.env);
  console.log(`Opening ${describeDatabase(config.database)}…`);
  await getPreparedDatabase();
  await dev({ root: process.cwd(), server: { port: config.port, host: config.host } });
});
