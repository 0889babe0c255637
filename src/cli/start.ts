// `npm start`: build if needed, migrate and seed, then serve the production build.
import { pathToFileURL } from "node:url";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { getPreparedDatabase } from "~/lib/db/app-database";
import { buildIfNeeded, SERVER_ENTRY } from "./build-if-needed";
import { ensurePortFree, explainListenError } from "./port";
import { scheduleDraftCleanup } from "~/lib/surveys/survey-drafts";
import { runOrExplain } from "./run-or-explain";
import { serve } from "./serve";
import { signInInstructions } from "./sign-in-instructions";

await runOrExplain(async () => {
  const config = parseConfig(process.env);
  const started = performance.now();
  try {
    await ensurePortFree(config.port, config.host);
  } catch (error) {
    throw new Error(explainListenError(error as NodeJS.ErrnoException, config.port, config.host));
  }
  buildIfNeeded(console.log);

  console.log(`Opening ${describeDatabase(config.database)}…`);
  const prepared = await getPreparedDatabase();
  scheduleDraftCleanup(prepared.db, console.error);

  // The adapter's own server would start on import; we serve its handler ourselves, compressed.
  process.env.ASTRO_NODE_AUTOSTART = "disabled";
  const entry = (await import(pathToFileURL(path.resolve(SERVER_ENTRY)).href)) as {
    handler: (req: IncomingMessage, res: ServerResponse) => void;
  };
  const server = await serve(entry.handler, config.port, config.host).catch((error: NodeJS.ErrnoException) => {
    throw new Error(explainListenError(error, config.port, config.host));
  });

  const url = `http://${config.host === "127.0.0.1" ? "localhost" : config.host}:${config.port}`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    [
      "",
      `Neighbourhood Pulse is running at ${url} (ready in ${seconds} s)`,
      `  Database:  ${describeDatabase(config.database)}` +
        (prepared.migrationsApplied.length > 0 ? `, ${prepared.migrationsApplied.length} migration(s) applied` : ", schema up to date"),
      `  Area:      ${prepared.area.name}: ${prepared.area.wardsInFile} wards` +
        (prepared.area.wardsAdded > 0 ? `, ${prepared.area.wardsAdded} loaded now` : ""),
      `  Health:    ${url}/healthz`,
      ...(await signInInstructions(prepared.db, url)),
      "Stop with Ctrl+C.",
      "",
    ].join("\n"),
  );

  const shutDown = async (signal: string) => {
    console.log(`${signal} received: stopping…`);
    await server.stop().catch(() => undefined);
    // Closing PGlite cleanly flushes it to its data folder.
    await prepared.db.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGINT", () => void shutDown("SIGINT"));
  process.once("SIGTERM", () => void shutDown("SIGTERM"));
});
