import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { openDatabase } from "~/lib/db/client";
import type { Database } from "~/lib/db/schema";

export type TestDatabase = {
  name: "PGlite" | "PostgreSQL";
  /** A fresh, empty database of its own; `close` throws it away. */
  open(): Promise<{ db: Kysely<Database>; close(): Promise<void> }>;
};

/**
 * Every integration test runs on in-memory PGlite, and again on real PostgreSQL when
 * DATABASE_URL is set (as .ci/run does), each test file in a database created for it.
 */
export function testDatabases(): TestDatabase[] {
  const targets: TestDatabase[] = [
    {
      name: "PGlite",
      async open() {
        const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
        return { db, close: () => db.destroy() };
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) targets.push({ name: "PostgreSQL", open: () => openThrowawayPostgres(url) });
  return targets;
}

async function openThrowawayPostgres(url: string) {
  const name = `np_test_${randomBytes(6).toString("hex")}`;
  const admin = await openDatabase({ kind: "postgres", url });
  // Names cannot be parameters; this one is made here from hex digits only.
  await sql.raw(`create database ${name}`).execute(admin);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: testUrl.toString() });
  return {
    db,
    async close() {
      await db.destroy();
      await sql.raw(`drop database if exists ${name}`).execute(admin);
      await admin.destroy();
    },
  };
}
