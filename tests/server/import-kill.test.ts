import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql, type Kysely, type RawBuilder } from "kysely";
import { describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "~/cli/server-process";
import { createAuthSession } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { syntheticExport } from "~/lib/demo/synthetic-export";
import { beginCheck, STALE_AFTER_MS } from "~/lib/imports/import-job-runner";
import { importMappingSchema } from "~/lib/imports/import-mapping";
import { startImport } from "~/lib/imports/start-import";
import { prepareImportDatabase, receivedCopyOf } from "../support/import-setup";
import { FULL, serverTargets } from "../support/server-targets";

// The built server itself SIGKILLed while it commits an import that the officer confirmed over
// HTTP, then restarted on the same data folder or database. tests/integration/imports/
// kill-during-commit.test.ts kills a script running the same lib code; this kills the server.
// Enough rows that the commit's transaction lasts far longer than delivering the kill.
const ROWS = FULL ? 20_000 : 5_000;
const ANSWERS_PER_ROW = 5; // syntheticExport asks five bank questions
const PORTS = { PGlite: 4381, PostgreSQL: 4382 };
// An uninterrupted commit of 5,000 rows takes about a second on PGlite.
const PGLITE_KILL_AFTER_MS = 100;

type Evidence = { batches: number; imported: number; answers: number; job: { status: string; failure: string | null } };

async function evidence(db: Kysely<Database>, jobId: number): Promise<Evidence> {
  const n = async (query: RawBuilder<{ n: number }>) => Number((await query.execute(db)).rows[0]!.n);
  return {
    batches: await n(sql`select count(*)::int as n from import_batch`),
    imported: await n(sql`select count(*)::int as n from survey_response where channel = 'import'`),
    answers: await n(sql`select count(*)::int as n from answer`),
    job: await db.selectFrom("import_job").select(["status", "failure"]).where("id", "=", jobId).executeTakeFirstOrThrow(),
  };
}

describe.each(serverTargets())("the server killed while it commits an import, on $name", (target) => {
  it(`keeps no part of a ${ROWS}-row batch, restarts cleanly, and saves every row when the officer confirms again`, async () => {
    const began = performance.now();
    const log = (line: string) => console.log(`${((performance.now() - began) / 1000).toFixed(1)} s ${target.name}: ${line}`);
    const database = await target.create();
    const files = mkdtempSync(path.join(tmpdir(), "np-import-kill-"));
    const port = PORTS[target.name];
    let server: ServerProcess | null = null;

    /** The database from the test: PGlite is one process per folder, so the server stops for each look. */
    async function withDatabase<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
      const restart = target.name === "PGlite" && server !== null;
      if (restart) await server!.stop();
      const db = await database.open();
      try {
        return await work(db);
      } finally {
        await db.destroy();
        if (restart) server = await startServer(port, database.env);
      }
    }

    try {
      // An officer with a session and a checked job, written through the lib before the server opens the database.
      const { jobId, token } = await withDatabase(async (db) => {
        const { officer, partnerSourceId } = await prepareImportDatabase(db, "2026-11-25");
        const wardCodes = (await db.selectFrom("ward").select("gss_code").where("valid_to", "is", null).execute()).map((w) => w.gss_code);
        const file = path.join(files, "export.csv");
        await pipeline(Readable.from(syntheticExport({ rows: ROWS, wardCodes, until: "2026-11-20", days: 200 })), createWriteStream(file));
        const started = await startImport(db, officer, partnerSourceId, receivedCopyOf(file));
        if (!started.ok) throw new Error(started.error.message);
        const { mapping } = await db.selectFrom("import_job").select("mapping").where("id", "=", started.value.jobId).executeTakeFirstOrThrow();
        await (await beginCheck(db, started.value.jobId, importMappingSchema.parse(mapping))).done;
        const checked = await db.selectFrom("import_job").select(["status", "summary"]).where("id", "=", started.value.jobId).executeTakeFirstOrThrow();
        expect(checked).toMatchObject({ status: "checked", summary: { rowsToImport: ROWS } });
        const session = await createAuthSession(db, officer.id, { isTwoFactorVerified: true, now: new Date() });
        return { jobId: started.value.jobId, token: session.token };
      });
      log(`checked a job of ${ROWS} rows`);

      // The officer's browser: the session cookie, and its own Origin on a POST (Astro's checkOrigin).
      const jobPage = () => fetch(`${server!.base}/imports/${jobId}`, { headers: { cookie: `np_session=${token}` }, redirect: "manual" });
      const confirm = () => fetch(`${server!.base}/imports/${jobId}/confirm`, {
        method: "POST", body: new URLSearchParams(), redirect: "manual",
        headers: { cookie: `np_session=${token}`, origin: server!.base, "content-type": "application/x-www-form-urlencoded" },
      });

      server = await startServer(port, database.env);
      log("server started");
      const before = await jobPage();
      expect(before.status).toBe(200);
      expect(await before.text()).toContain(`action="/imports/${jobId}/confirm"`);

      // The 303 comes once the job is claimed as committing and its commit has begun in the
      // background. PostgreSQL shows the commit's INSERT running inside its transaction, so the kill
      // waits for that. PGlite runs inside the server and shows nothing from outside, so the kill
      // comes PGLITE_KILL_AFTER_MS later: past BEGIN, well before COMMIT (checked at the end).
      const watcher = target.name === "PostgreSQL" ? await database.open() : null;
      let insertSeen = false;
      let killedAfterMs = 0;
      try {
        const confirmed = await confirm();
        expect(confirmed.status).toBe(303);
        expect(confirmed.headers.get("location")).toBe(`/imports/${jobId}`);
        const acknowledgedAt = performance.now();
        if (watcher !== null) {
          while (!insertSeen && performance.now() - acknowledgedAt < 10_000) {
            insertSeen = (await sql`select 1 from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database()
              and state = 'active' and xact_start is not null and query ilike '%from import_staged_response%'`.execute(watcher)).rows.length > 0;
          }
          expect(insertSeen, "the commit's INSERT never showed in pg_stat_activity: it finished, or never started, before the kill").toBe(true);
        } else {
          await new Promise((r) => setTimeout(r, PGLITE_KILL_AFTER_MS));
        }
        killedAfterMs = performance.now() - acknowledgedAt;
        await server.kill();
        expect(server.child.signalCode).toBe("SIGKILL");
        log(`killed ${killedAfterMs.toFixed(0)} ms after the confirm was acknowledged${insertSeen ? ", with the commit's INSERT running" : ""}`);
      } finally {
        await watcher?.destroy();
      }

      // The restart, on the killed server's folder or database: it must open cleanly.
      server = await startServer(port, database.env);
      expect(server.output()).not.toMatch(/could not start/i);
      expect(await (await fetch(`${server.base}/healthz`)).json()).toMatchObject({ status: "ok" });
      log("restarted");

      // Killed before COMMIT: nothing of the batch. If the commit had finished first, this fails.
      // On PGlite the restart itself gives the job back (no other process can hold it). On
      // PostgreSQL another process might, so the job says committing until its heartbeat is
      // STALE_AFTER_MS old; it is made that old here rather than waited for.
      const afterKill = await withDatabase(async (db) => {
        const found = await evidence(db, jobId);
        await db.updateTable("import_job").set({ heartbeat_at: new Date(Date.now() - STALE_AFTER_MS - 1_000) }).where("id", "=", jobId).where("status", "=", "committing").execute();
        return found;
      });
      expect(afterKill, "the commit finished before the kill landed: make ROWS larger").toMatchObject({ batches: 0, imported: 0, answers: 0 });
      expect(afterKill.job.status).not.toBe("committed");

      // The officer's page puts the interrupted job right: back to confirmable, saying nothing was saved.
      const recovered = await jobPage();
      expect(recovered.status).toBe(200);
      const html = await recovered.text();
      expect(html).toContain("Saving stopped before it finished because the server restarted. Nothing was saved: confirm the import again");
      expect(html).toContain(`action="/imports/${jobId}/confirm"`);
      expect(html).toContain(`Import ${ROWS.toLocaleString("en-GB")} responses`);

      // Confirming again saves the whole file, from the staged rows that survived the kill.
      const again = performance.now();
      expect((await confirm()).status).toBe(303);
      for (;;) {
        const page = await (await jobPage()).text();
        if (page.includes(">Import saved</h1>")) break;
        expect(page, "the second commit stopped without saving").toContain(">Saving the import</h1>");
        if (performance.now() - again > 60_000) throw new Error("The second commit did not finish within 60 s");
        await new Promise((r) => setTimeout(r, 50));
      }
      const commitMs = performance.now() - again;
      log(`confirmed again: committed in ${commitMs.toFixed(0)} ms (uninterrupted)`);
      expect(commitMs, "the commit is too quick for the kill to land inside it reliably: make ROWS larger").toBeGreaterThan(3 * killedAfterMs);
      await server.stop();
      server = null;
      const saved = await withDatabase((db) => evidence(db, jobId));
      expect(saved).toEqual({ batches: 1, imported: ROWS, answers: ROWS * ANSWERS_PER_ROW, job: { status: "committed", failure: null } });
    } finally {
      await server?.kill();
      await database.remove();
      rmSync(files, { recursive: true, force: true });
    }
  });
});
