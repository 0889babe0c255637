import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import type { AppConfig } from "~/lib/config/config";
import { DatabaseUnavailableError, explainPostgresConnectionError } from "./database-unavailable";
import type { Database } from "./schema";

const INT8 = 20;
const DATE = 1082;
// Both drivers read the same way: int8 (counts, bigserial ids) as a number, and date as the
// 'YYYY-MM-DD' text it is, because a JS Date would shift it by the server's time zone.
const readInt8 = (value: string) => Number(value);
const readDate = (value: string) => value;

/** Opens Kysely on PostgreSQL (through pg) when DATABASE_URL is set, otherwise on embedded PGlite. */
export async function openDatabase(database: AppConfig["database"]): Promise<Kysely<Database>> {
  return database.kind === "postgres" ? openPostgres(database.url) : openPGlite(database.dataDir);
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    types: { getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === INT8 ? readInt8 : oid === DATE ? readDate : pg.types.getTypeParser(oid, format) } as typeof pg.types,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  // The pool listens only to its idle clients. A client checked out when the server goes away
  // (between two queries of a transaction, or just before its query is sent) emits 'error' on
  // itself, and with no listener Node ends the whole process: the PostgreSQL-restart fault test
  // (issue #9) saw the server die under load with "terminating connection due to administrator
  // command" (57P01). With a listener, the error is logged, the query in hand fails with it, and
  // the pool discards the broken client when it is released.
  pool.on("connect", (client) => {
    client.on("error", (error) => console.error(`PostgreSQL connection lost while in use: ${error.message}`));
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw explainPostgresConnectionError(url, error);
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function openPGlite(dataDir: string): Promise<Kysely<Database>> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (!dataDir.includes("://")) ensureWritableFolder(path.resolve(dataDir));
  const options = { parsers: { [INT8]: readInt8, [DATE]: readDate } };
  let pglite;
  try {
    pglite = await PGlite.create(dataDir, options);
  } catch (error) {
    throw new DatabaseUnavailableError(
      `Cannot open the embedded database in ${dataDir}: ${(error as Error).message}. ` +
        "Is another Neighbourhood Pulse process using this folder? Set PGLITE_DIR to use another.",
      { cause: error },
    );
  }
  return new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
}

function ensureWritableFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DatabaseUnavailableError(
      `The data folder ${folder} cannot be created or written to (${reason}). Set PGLITE_DIR to a folder this user can write.`,
      { cause: error },
    );
  }
}
