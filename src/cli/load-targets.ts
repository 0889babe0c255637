import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "~/lib/db/client";
import { createScratchDatabase } from "~/lib/db/scratch-database";
import { buildIfNeeded } from "./build-if-needed";
import { storedEvidence } from "./load-evidence";
import { startServer, type ServerProcess } from "./server-process";
import { describeLoad, learnSurvey, runSurveyLoad } from "./survey-load";
import { hasPostgresServer, startThrowawayPostgres } from "./throwaway-postgres";

// Ports 4371–4379 are this work's: servers on 4371–4374, a throwaway PostgreSQL on 4379.
const PORTS = [4371, 4372, 4373, 4374];
const POSTGRES_PORT = 4379;
// Every resident comes from 127.0.0.1, so the per-network submission limit is lifted for the load.
const UNLIMITED = { SUBMISSIONS_PER_CLIENT: "100000000" };

export type LoadOutcome = { name: string; ok: boolean; line: string };
type Target = { name: string; servers: number; open(): Promise<{ env: Record<string, string>; config: Parameters<typeof openDatabase>[0]; cleanUp(): Promise<void> }> };

/**
 * Runs the survey load against each target in turn: a fresh database, the built server started on
 * it (twice for "two processes"), the load, a clean stop, then the database is asked what it holds.
 * PostgreSQL is DATABASE_URL's server, or a throwaway one when PostgreSQL 15 is installed.
 */
export async function runLoadTargets(options: { clients: number; seconds: number; only?: string[]; serverUrl?: string; log(line: string): void }): Promise<LoadOutcome[]> {
  const { log } = options;
  buildIfNeeded(log);
  let serverUrl = options.serverUrl ?? process.env.DATABASE_URL;
  let throwaway: ReturnType<typeof startThrowawayPostgres> | null = null;
  const wanted = (name: string) => !options.only || options.only.includes(name);
  if (!serverUrl && hasPostgresServer() && (wanted("postgres") || wanted("two-processes"))) {
    throwaway = startThrowawayPostgres(POSTGRES_PORT);
    serverUrl = throwaway.url;
  }
  const postgres = (name: string, servers: number): Target => ({
    name,
    servers,
    async open() {
      const scratch = await createScratchDatabase(serverUrl!, "np_load");
      return { env: { DATABASE_URL: scratch.url }, config: { kind: "postgres", url: scratch.url }, cleanUp: () => scratch.drop() };
    },
  });
  const targets: Target[] = [
    {
      name: "pglite",
      servers: 1,
      async open() {
        const dir = mkdtempSync(path.join(tmpdir(), "np-load-pglite-"));
        return { env: { PGLITE_DIR: dir, DATABASE_URL: "" }, config: { kind: "pglite", dataDir: dir }, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  if (serverUrl) targets.push(postgres("postgres", 1), postgres("two-processes", 2));
  else log("PostgreSQL: skipped (set DATABASE_URL, or install postgresql-15 for a throwaway server)");

  const outcomes: LoadOutcome[] = [];
  try {
    for (const target of targets.filter((t) => wanted(t.name))) {
      const { env, config, cleanUp } = await target.open();
      const servers: ServerProcess[] = [];
      try {
        // One at a time: two processes migrating one empty database at once would race.
        for (let i = 0; i < target.servers; i++) servers.push(await startServer(PORTS[i]!, { ...env, ...UNLIMITED }));
        const bases = servers.map((s) => s.base);
        const pages = await learnSurvey(bases[0]!);
        const load = await runSurveyLoad({ bases, pages, clients: options.clients, seconds: options.seconds });
        for (const server of servers) await server.stop();
        const db = await openDatabase(config);
        const evidence = await storedEvidence(db, load.acknowledgedTokenHashes).finally(() => db.destroy());
        const label = { pglite: "PGlite", postgres: "PostgreSQL", "two-processes": "PostgreSQL, two server processes (each resident's requests alternate between them)" }[target.name]!;
        const ok = load.acknowledged > 0 && load.sent === load.acknowledged && load.acknowledged === evidence.stored && evidence.missing === 0;
        const line = describeLoad(label, load, evidence.stored) + (evidence.missing > 0 ? `; ${evidence.missing} acknowledged submission(s) MISSING` : "; none missing");
        log(line);
        for (const [reason, count] of load.failures) log(`  failed journeys: ${count} x ${reason}`);
        outcomes.push({ name: target.name, ok, line });
      } finally {
        for (const server of servers) await server.kill();
        await cleanUp();
      }
    }
  } finally {
    throwaway?.stop();
  }
  return outcomes;
}
