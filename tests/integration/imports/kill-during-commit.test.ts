import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { openDatabase } from "~/lib/db/client";
import { createScratchDatabase } from "~/lib/db/scratch-database";
import { syntheticExport } from "~/lib/demo/synthetic-export";
import { recoverInterruptedImports } from "~/lib/imports/import-job-runner";
import { beginCommit } from "~/lib/imports/import-job-runner";
import { prepareImportDatabase } from "../../support/import-setup";

// Enough rows that copying their answers takes far longer than delivering a kill signal.
const ROWS = 5_000;

type Target = { name: string; setUp(): Promise<{ env: Record<string, string>; config: Parameters<typeof openDatabase>[0]; tearDown(): Promise<void> }> };
const targets: Target[] = [{
  name: "PGlite",
  async setUp() {
    const dir = mkdtempSync(path.join(tmpdir(), "np-kill-pglite-"));
    return { env: { PGLITE_DIR: dir, DATABASE_URL: "" }, config: { kind: "pglite", dataDir: dir }, tearDown: async () => rmSync(dir, { recursive: true, force: true }) };
  },
}];
if (process.env.DATABASE_URL) {
  const url = process.env.DATABASE_URL;
  targets.push({
    name: "PostgreSQL",
    async setUp() {
      const scratch = await createScratchDatabase(url, "np_kill");
      return { env: { DATABASE_URL: scratch.url }, config: { kind: "postgres", url: scratch.url }, tearDown: () => scratch.drop() };
    },
  });
}

describe.each(targets)("a server killed in the middle of committing an import, on $name", (target) => {
  it("leaves no partial batch, and the import can be confirmed again after the restart", { timeout: 180_000 }, async () => {
    const { env, config, tearDown } = await target.setUp();
    try {
      const setup = await openDatabase(config);
      const { officer, partnerSourceId } = await prepareImportDatabase(setup, "2026-11-25");
      const wardCodes = (await setup.selectFrom("ward").select("gss_code").where("valid_to", "is", null).execute()).map((w) => w.gss_code);
      await setup.destroy();
      const file = path.join(mkdtempSync(path.join(tmpdir(), "np-kill-export-")), "export.csv");
      await pipeline(Readable.from(syntheticExport({ rows: ROWS, wardCodes, until: "2026-11-20", days: 200 })), createWriteStream(file));

      // tsx as a loader in this very process: its command-line wrapper would run the script in a
      // grandchild that a kill of the wrapper leaves running.
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/import-then-commit.ts", file, String(officer.id), String(partnerSourceId)], {
        env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const killed = new Promise<string>((resolve) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("COMMITTING responses_copied")) child.kill("SIGKILL");
        });
        child.stderr.on("data", (chunk: Buffer) => { output += chunk.toString(); });
        child.on("exit", (_code, signal) => resolve(signal ?? "exited"));
      });
      expect(await killed, output).toBe("SIGKILL");
      expect(output).not.toContain("COMMITTED");

      // The restart: the data folder (or database) opens cleanly and holds no trace of the batch.
      const db = await openDatabase(config);
      try {
        expect(await db.selectFrom("import_batch").select("id").execute()).toEqual([]);
        expect(await db.selectFrom("survey_response").select("id").where("channel", "=", "import").execute()).toEqual([]);
        expect(await db.selectFrom("answer").select("survey_response_id").execute()).toEqual([]);
        expect(await recoverInterruptedImports(db, 0)).toBe(1);
        const job = await db.selectFrom("import_job").select(["id", "status", "failure"]).executeTakeFirstOrThrow();
        expect(job.status).toBe("checked");
        expect(job.failure).toMatch(/Nothing was saved: confirm the import again/);
        // The staged rows survived the crash, so confirming again imports the whole file.
        await (await beginCommit(db, job.id)).done;
        const batch = await db.selectFrom("import_batch").select(["rows_imported", "status"]).executeTakeFirstOrThrow();
        expect(batch).toEqual({ rows_imported: ROWS, status: "committed" });
      } finally {
        await db.destroy();
      }
    } finally {
      await tearDown();
    }
  });
});
