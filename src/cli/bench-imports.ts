// `npm run bench` part: importing a generated partner export of BENCH_IMPORT_ROWS rows (default
// 1,000,000) on PGlite and PostgreSQL, beside each database's own COPY of the same file into a
// plain table in the same run. Memory is sampled while it runs, at a tenth of the rows and at all
// of them, to show whether it grows with the file.
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql, type Kysely } from "kysely";
import { parseConfig, type AppConfig } from "~/lib/config/config";
import { prepareDatabase } from "~/lib/db/app-database";
import { createScratchDatabase } from "~/lib/db/scratch-database";
import type { Database } from "~/lib/db/schema";
import { syntheticExport } from "~/lib/demo/synthetic-export";
import { beginCheck, beginCommit } from "~/lib/imports/import-job-runner";
import { importMappingSchema } from "~/lib/imports/import-mapping";
import { startImport } from "~/lib/imports/start-import";

type Log = (line: string) => void;
type Figures = { rows: number; seconds: { profile: number; check: number; commit: number }; peakHeapMb: number; peakRssMb: number };

const mb = (bytes: number) => bytes / (1024 * 1024);

async function generate(rows: number, wardCodes: string[], folder: string): Promise<string> {
  const file = path.join(folder, `export-${rows}.csv`);
  await pipeline(Readable.from(syntheticExport({ rows, wardCodes, until: new Date().toISOString().slice(0, 10), days: 360 })), createWriteStream(file));
  return file;
}

async function importOnce(db: Kysely<Database>, file: string, copyDir: string, partnerSourceId: number, officerId: number): Promise<Figures> {
  // startImport deletes a file it refuses and commit deletes the upload, so it works on a copy.
  const upload = path.join(copyDir, `upload-${Date.now()}`);
  await pipeline(createReadStream(file), createWriteStream(upload));
  const bytes = statSync(upload).size;
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(upload)) hash.update(chunk as Buffer);
  const sha256 = hash.digest("hex");
  const officer = { id: officerId, email: "bench@example.test", displayName: "Bench", role: "engagement_officer" as const, hasTwoFactor: false };
  // Peaks above what the process held before the import started: what the import itself costs.
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sample = () => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  };
  const sampler = setInterval(sample, 50);
  try {
    let t = performance.now();
    const lap = () => { const now = performance.now(); const s = (now - t) / 1000; t = now; return s; };
    const started = await startImport(db, officer, partnerSourceId, { path: upload, originalName: path.basename(file), bytes, sha256 });
    if (!started.ok) throw new Error(started.error.message);
    const profile = lap();
    const job = await db.selectFrom("import_job").select("mapping").where("id", "=", started.value.jobId).executeTakeFirstOrThrow();
    await (await beginCheck(db, started.value.jobId, importMappingSchema.parse(job.mapping))).done;
    const check = lap();
    await (await beginCommit(db, started.value.jobId)).done;
    const commit = lap();
    const done = await db.selectFrom("import_job").select(["status", "failure", "import_batch_id"]).where("id", "=", started.value.jobId).executeTakeFirstOrThrow();
    if (done.status !== "committed") throw new Error(`The import ended ${done.status}: ${done.failure}`);
    const batch = await db.selectFrom("import_batch").select("rows_imported").where("id", "=", done.import_batch_id!).executeTakeFirstOrThrow();
    sample();
    return { rows: batch.rows_imported, seconds: { profile, check, commit }, peakHeapMb: mb(peakHeap - before.heapUsed), peakRssMb: mb(peakRss - before.rss) };
  } finally {
    clearInterval(sampler);
  }
}

async function copyBaseline(db: Kysely<Database>, file: string, kind: "pglite" | "postgres"): Promise<number> {
  await sql`drop table if exists bench_copy_plain`.execute(db);
  await sql`create table bench_copy_plain (response_id text, completed text, ward_code text, q1 text, q2 text, q3 text, q4 text, q5 text)`.execute(db);
  const started = performance.now();
  if (kind === "postgres") {
    // The server reads the file itself: PostgreSQL's fastest path, with no client in the way.
    await sql.raw(`copy bench_copy_plain from '${file.replace(/'/g, "''")}' with (format csv, header true)`).execute(db);
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const pglite = await PGlite.create("memory://");
    await pglite.exec("create table bench_copy_plain (response_id text, completed text, ward_code text, q1 text, q2 text, q3 text, q4 text, q5 text)");
    const copyStarted = performance.now();
    await pglite.query("copy bench_copy_plain from '/dev/blob' with (format csv, header true)", [], { blob: new Blob([readFileSync(file)]) });
    const seconds = (performance.now() - copyStarted) / 1000;
    await pglite.close();
    await sql`drop table bench_copy_plain`.execute(db);
    return seconds;
  }
  const seconds = (performance.now() - started) / 1000;
  await sql`drop table bench_copy_plain`.execute(db);
  return seconds;
}

async function benchOn(name: string, config: AppConfig, rows: number, folder: string, log: Log): Promise<void> {
  const prepared = await prepareDatabase(config);
  const db = prepared.db;
  try {
    const partner = await db.insertInto("partner_source").values({ name: `Bench partner ${Date.now()}`, agency: "police" }).returning("id").executeTakeFirstOrThrow();
    const officer = await db.insertInto("app_user").values({ email: `bench-${Date.now()}@example.test`, display_name: "Bench", role: "engagement_officer", password_hash: "x", password_changed_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("user_partner_source").values({ user_id: officer.id, partner_source_id: partner.id }).execute();
    const wardCodes = (await db.selectFrom("ward").select("gss_code").where("valid_to", "is", null).execute()).map((w) => w.gss_code);
    for (const size of [Math.max(1, Math.round(rows / 10)), rows]) {
      const file = await generate(size, wardCodes, folder);
      const copySeconds = await copyBaseline(db, file, config.database.kind);
      const copyRate = size / copySeconds;
      // Different seeds would make different respondent ids; the same ids from one partner are skipped, so each run gets its own partner.
      const figures = await importOnce(db, file, folder, partner.id, officer.id);
      await db.deleteFrom("survey_response").where("partner_source_id", "=", partner.id).execute();
      await db.deleteFrom("import_batch").where("partner_source_id", "=", partner.id).execute().catch(() => undefined);
      const total = figures.seconds.profile + figures.seconds.check + figures.seconds.commit;
      const rate = size / total;
      log(`import ${size.toLocaleString("en-GB")} rows on ${name}: ${Math.round(rate).toLocaleString("en-GB")} rows/s end to end ` +
        `(read and profile ${figures.seconds.profile.toFixed(1)} s, check ${figures.seconds.check.toFixed(1)} s, commit ${figures.seconds.commit.toFixed(1)} s); ` +
        `COPY of the same file into a plain table (baseline): ${Math.round(copyRate).toLocaleString("en-GB")} rows/s; import = ${(rate / copyRate).toFixed(3)}x COPY; ` +
        `memory while importing: JS heap +${figures.peakHeapMb.toFixed(0)} MB, RSS +${figures.peakRssMb.toFixed(0)} MB at peak`);
      rmSync(file, { force: true });
    }
  } finally {
    await db.destroy();
  }
}

export async function benchImports(databaseUrl: string | undefined, log: Log = console.log): Promise<void> {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
  const folder = mkdtempSync(path.join(tmpdir(), "np-bench-imports-"));
  // PostgreSQL's server process reads the file for COPY, as its own user.
  chmodSync(folder, 0o755);
  const base = parseConfig({ ...process.env, DATABASE_URL: "" });
  try {
    await benchOn("PGlite", { ...base, database: { kind: "pglite", dataDir: path.join(folder, "pglite") } }, rows, folder, log);
    if (databaseUrl) {
      const scratch = await createScratchDatabase(databaseUrl, "np_bench_imports");
      try {
        await benchOn("PostgreSQL", { ...base, database: { kind: "postgres", url: scratch.url } }, rows, folder, log);
      } finally {
        await scratch.drop();
      }
    } else {
      log("import on PostgreSQL: skipped (no DATABASE_URL)");
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchImports(process.env.DATABASE_URL);
}
