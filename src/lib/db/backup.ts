import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { err, ok, type Result } from "~/lib/result";
import type { AppConfig } from "~/lib/config/config";

/*
 * Backups of the whole database, and restores into an empty one.
 *   PGlite:      the data folder as a gzipped tar (PGlite's own dumpDataDir), restored with its
 *                loadDataDir option. The folder must not be in use: stop the server first.
 *   PostgreSQL:  pg_dump's custom format, restored with pg_restore in one transaction. The server
 *                may keep running. The client must be as new as the server (15 here).
 * A restore never overwrites: the target must be empty, so a mistyped command cannot destroy data.
 */

export type BackupProblem =
  | { kind: "ToolMissing"; message: string }
  | { kind: "TargetNotEmpty"; message: string }
  | { kind: "WrongKind"; message: string }
  | { kind: "Failed"; message: string };

const GZIP = [0x1f, 0x8b];
const PG_CUSTOM = "PGDMP";

/** Where pg_dump and pg_restore are: PGBIN, then the newest /usr/lib/postgresql/N/bin, then PATH. */
export function postgresClient(tool: "pg_dump" | "pg_restore"): string | null {
  const candidates = [process.env.PGBIN, ...(existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`) : [])]
    .filter((dir): dir is string => Boolean(dir))
    .map((dir) => path.join(dir, tool));
  const found = candidates.find((file) => existsSync(file));
  if (found) return found;
  const which = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** The URL without its password, which goes to the tools in PGPASSWORD instead of their command line (visible to `ps`). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

export async function backupDatabase(database: AppConfig["database"], file: string): Promise<Result<{ bytes: number }, BackupProblem>> {
  if (database.kind === "pglite") {
    if (database.dataDir.includes("://")) return err({ kind: "Failed", message: `${database.dataDir} keeps nothing on disk to back up` });
    const { PGlite } = await import("@electric-sql/pglite");
    const pglite = await PGlite.create(database.dataDir);
    try {
      const tarball = await pglite.dumpDataDir("gzip");
      const bytes = new Uint8Array(await tarball.arrayBuffer());
      writeFileSync(file, bytes, { mode: 0o600 });
      return ok({ bytes: bytes.length });
    } finally {
      await pglite.close();
    }
  }
  const pgDump = postgresClient("pg_dump");
  if (!pgDump) return err({ kind: "ToolMissing", message: "pg_dump is not installed (Debian package postgresql-client-15, or set PGBIN)" });
  const { dbname, env } = connection(database.url);
  const run = spawnSync(pgDump, ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${dbname}`], { env, encoding: "utf8" });
  if (run.status !== 0) return err({ kind: "Failed", message: `pg_dump failed: ${run.stderr.trim() || `exit ${run.status}`}` });
  return ok({ bytes: readFileSync(file).length });
}

export async function restoreDatabase(database: AppConfig["database"], file: string): Promise<Result<void, BackupProblem>> {
  const head = readFileSync(file).subarray(0, 5);
  const isGzip = head[0] === GZIP[0] && head[1] === GZIP[1];
  const isPgDump = head.toString("latin1") === PG_CUSTOM;
  if (database.kind === "pglite") {
    if (!isGzip) return err({ kind: "WrongKind", message: `${file} is not a PGlite backup (a .tar.gz from npm run db:backup without DATABASE_URL)` });
    if (database.dataDir.includes("://")) return err({ kind: "Failed", message: `Restoring into ${database.dataDir} would keep nothing` });
    if (existsSync(database.dataDir) && readdirSync(database.dataDir).length > 0) {
      return err({ kind: "TargetNotEmpty", message: `${database.dataDir} is not empty: restore into a new folder (set PGLITE_DIR), then swap the folders while the server is stopped` });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const pglite = await PGlite.create(database.dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
    try {
      await pglite.query("select 1");
    } finally {
      await pglite.close();
    }
    return ok(undefined);
  }
  if (!isPgDump) return err({ kind: "WrongKind", message: `${file} is not a PostgreSQL backup (pg_dump's custom format, from npm run db:backup with DATABASE_URL)` });
  const pgRestore = postgresClient("pg_restore");
  if (!pgRestore) return err({ kind: "ToolMissing", message: "pg_restore is not installed (Debian package postgresql-client-15, or set PGBIN)" });
  const { openDatabase } = await import("./client");
  const { sql } = await import("kysely");
  const db = await openDatabase(database);
  try {
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(db);
    if (Number(tables.rows[0]!.n) > 0) {
      return err({ kind: "TargetNotEmpty", message: "The database named by DATABASE_URL already has tables: restore into a new, empty database (createdb), then point DATABASE_URL at it" });
    }
  } finally {
    await db.destroy();
  }
  const { dbname, env } = connection(database.url);
  const run = spawnSync(pgRestore, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`, file], { env, encoding: "utf8" });
  if (run.status !== 0) return err({ kind: "Failed", message: `pg_restore failed, and restored nothing: ${run.stderr.trim() || `exit ${run.status}`}` });
  return ok(undefined);
}
