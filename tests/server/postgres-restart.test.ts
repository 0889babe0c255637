import { describe, expect, it } from "vitest";
import { storedEvidence } from "~/cli/load-evidence";
import { startServer } from "~/cli/server-process";
import { learnSurvey, startSurveyLoad } from "~/cli/survey-load";
import { hasPostgresServer, POSTGRES_BIN, startThrowawayPostgres } from "~/cli/throwaway-postgres";
import { openDatabase } from "~/lib/db/client";
import { FULL, UNLIMITED } from "../support/server-targets";

// A PostgreSQL cluster of the test's own, since the test stops and starts it.
const POSTGRES_PORT = 4378;
const PORT = 4376;
const RESTARTS = FULL ? 3 : 1;
const CLIENTS = FULL ? 20 : 4;

type Health = { status: number; body: { status?: string; database?: string } };
const health = (base: string): Promise<Health> =>
  fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(async (r) => ({ status: r.status, body: await r.json() }), () => ({ status: 0, body: {} }));

async function until(what: string, check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return performance.now() - started;
}

// The test restarts a cluster of its own, so it needs PostgreSQL's server binaries, not only a
// DATABASE_URL. Where DATABASE_URL is set (CI: .ci/run installs them) their absence fails the
// test; elsewhere it is skipped, saying so rather than passing by silence.
const missing = hasPostgresServer() ? null : `PostgreSQL 15 server binaries are missing from ${POSTGRES_BIN} (install the Debian package postgresql-15, as .ci/run does, or set PGBIN)`;
if (missing !== null && !process.env.DATABASE_URL) console.warn(`Skipping the PostgreSQL restart test: ${missing}.`);

describe.skipIf(missing !== null && !process.env.DATABASE_URL)("PostgreSQL restarted under the running server", () => {
  it(`reports the outage on /healthz and recovers without a restart of its own (${RESTARTS} restart(s), ${CLIENTS} residents sending throughout)`, async () => {
    if (missing !== null) throw new Error(`DATABASE_URL is set, so PostgreSQL is expected here, but ${missing}.`);
    const postgres = startThrowawayPostgres(POSTGRES_PORT);
    const server = await startServer(PORT, { DATABASE_URL: postgres.url, ...UNLIMITED }).catch((error) => {
      postgres.stop();
      throw error;
    });
    try {
      const pages = await learnSurvey(server.base);
      let stopLoad = false;
      const load = startSurveyLoad({ bases: [server.base], pages, clients: CLIENTS, seconds: 240, shouldStop: () => stopLoad, pauseAfterFailureMs: 200 });
      for (let restart = 0; restart < RESTARTS; restart++) {
        const before = load.live.acknowledged;
        await until("a submission before the outage", async () => load.live.acknowledged > before, 60_000);
        postgres.pause();
        const down = await health(server.base);
        await until("/healthz reporting the outage", async () => (await health(server.base)).status === 503, 10_000);
        const during = await health(server.base);
        expect(during.body).toMatchObject({ status: "unavailable", database: "unreachable" });
        // A resident's page during the outage is an error page, not a dead server.
        const page = await fetch(`${server.base}/surveys/feeling-safe`, { signal: AbortSignal.timeout(20_000) });
        expect(page.status).toBe(500);
        expect(await page.text()).not.toMatch(/ECONNREFUSED|at .*\.js:\d+|select /i);
        expect(server.child.exitCode).toBeNull();
        expect([0, 200, 503]).toContain(down.status);

        postgres.resume();
        const recoveredInMs = await until("/healthz reporting recovery", async () => (await health(server.base)).status === 200, 30_000);
        const after = load.live.acknowledged;
        await until("a submission after the outage", async () => load.live.acknowledged > after, 60_000);
        console.log(`restart ${restart + 1}: /healthz was 503 during the outage and 200 again ${(recoveredInMs / 1000).toFixed(1)} s after PostgreSQL was back; submissions resumed`);
      }
      stopLoad = true;
      const result = await load.done;
      await server.stop();
      expect(server.child.exitCode).toBe(0);

      const db = await openDatabase({ kind: "postgres", url: postgres.url });
      const evidence = await storedEvidence(db, result.acknowledgedTokenHashes).finally(() => db.destroy());
      expect(evidence.missing).toBe(0);
      expect(evidence.stored).toBeGreaterThanOrEqual(result.acknowledged);
      expect(evidence.stored).toBeLessThanOrEqual(result.sent);
      expect(Object.keys(evidence.answersPerResponse)).toHaveLength(1);
    } finally {
      await server.kill();
      postgres.stop();
    }
  });
});
