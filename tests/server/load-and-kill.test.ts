import { describe, expect, it } from "vitest";
import { storedEvidence } from "~/cli/load-evidence";
import { startServer, type ServerProcess } from "~/cli/server-process";
import { learnSurvey, runSurveyLoad, startSurveyLoad, type SurveyPages } from "~/cli/survey-load";
import { FULL, serverTargets, UNLIMITED } from "../support/server-targets";

// The short form of `npm run test:load` (200 residents for 60 s on each target) and of the
// kill-during-a-burst fault test. PROOF_FULL=1 makes both larger and kills the server three times.
const CLIENTS = FULL ? 50 : 10;
const LOAD_SECONDS = FULL ? 15 : 4;
const KILLS = FULL ? 3 : 1;
const ACKNOWLEDGED_BEFORE_KILL = FULL ? 60 : 10;
const PORTS = { PGlite: 4371, PostgreSQL: 4372 };

// On PostgreSQL in the full form only: npm test already loads PostgreSQL through an outage
// (postgres-restart) and through two processes.
describe.each(serverTargets({ alsoShort: false }))("residents sending the survey while the server is killed, then under load, on $name", (target) => {
  it(`keeps every acknowledged submission through ${KILLS} SIGKILL(s) mid-burst, then stores all of ${CLIENTS} residents' for ${LOAD_SECONDS} s`, async () => {
    const began = performance.now();
    const log = (line: string) => console.log(`${((performance.now() - began) / 1000).toFixed(1)} s ${target.name}: ${line}`);
    const database = await target.create();
    const env = { ...database.env, ...UNLIMITED };
    let server: ServerProcess | null = await startServer(PORTS[target.name], env);
    const acknowledged: string[] = [];
    let sentBeforeKills = 0;
    try {
      log("started");
      const pages: SurveyPages = await learnSurvey(server.base);
      for (let kill = 0; kill < KILLS; kill++) {
        let killed = false;
        const burst = startSurveyLoad({ bases: [server.base], pages, clients: CLIENTS, seconds: 60, shouldStop: () => killed });
        const deadline = performance.now() + 60_000;
        // Kill while at least one "Send answers" is on its way, so the kill cuts a submission off.
        while ((burst.live.acknowledged < ACKNOWLEDGED_BEFORE_KILL || burst.live.sent === burst.live.acknowledged) && performance.now() < deadline) {
          await new Promise((r) => setTimeout(r, 2));
          if (server.child.exitCode !== null) throw new Error(`The server died by itself:\n${server.output()}`);
        }
        const inFlight = burst.live.sent - burst.live.acknowledged;
        await server.kill();
        killed = true;
        const result = await burst.done;
        expect(server.child.signalCode).toBe("SIGKILL");
        acknowledged.push(...result.acknowledgedTokenHashes);
        sentBeforeKills += result.sent;
        // Restart on the same data folder or database: it must open cleanly.
        server = await startServer(PORTS[target.name], env);
        expect(server.output()).not.toMatch(/could not start/i);
        expect(result.acknowledged).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
        expect(inFlight).toBeGreaterThan(0);
        log(`kill ${kill + 1}: ${result.acknowledged} acknowledged, ${inFlight} in flight`);
      }
      // The restarted server's first pages load its code: walk the survey once before timing a load.
      await learnSurvey(server.base);
      log("warmed up");

      // After the kills: a clean load on the restarted server, stopped gracefully.
      const load = await runSurveyLoad({ bases: [server.base], pages, clients: CLIENTS, seconds: LOAD_SECONDS });
      await server.stop();
      server = null;
      expect(Object.fromEntries(load.failures)).toEqual({});
      expect(load.acknowledged).toBeGreaterThan(0);
      expect(load.sent).toBe(load.acknowledged);

      const db = await database.open();
      const evidence = await storedEvidence(db, [...acknowledged, ...load.acknowledgedTokenHashes]).finally(() => db.destroy());
      // Nothing acknowledged is lost; a submission cut off mid-flight may or may not be stored
      // (the resident saw no confirmation), but never in part.
      expect(evidence.missing).toBe(0);
      expect(evidence.stored).toBeGreaterThanOrEqual(acknowledged.length + load.acknowledged);
      expect(evidence.stored).toBeLessThanOrEqual(sentBeforeKills + load.sent);
      expect(Object.keys(evidence.answersPerResponse)).toHaveLength(1);
      expect(Number(Object.keys(evidence.answersPerResponse)[0])).toBeGreaterThan(0);
      console.log(`${target.name}: ${KILLS} kill(s); acknowledged before kills ${acknowledged.length} of ${sentBeforeKills} sent; then ` +
        `sent ${load.sent}, acknowledged ${load.acknowledged}; stored ${evidence.stored} in all, none missing, every response whole`);
    } finally {
      await server?.kill();
      await database.remove();
    }
  });
});
