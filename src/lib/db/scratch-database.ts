import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { openDatabase } from "./client";

/**
 * A new, empty database on the PostgreSQL server that `serverUrl` points at, for a test run
 * that must not see or leave data behind. `drop` removes it.
 */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  // Names cannot be bound as parameters; this one is built here from a fixed prefix and hex digits.
  if (!/^[a-z_]+$/.test(prefix)) throw new RangeError(`Not a safe database name prefix: ${prefix}`);
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = await openDatabase({ kind: "postgres", url: serverUrl });
  try {
    await sql.raw(`create database ${name}`).execute(admin);
  } finally {
    await admin.destroy();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = await openDatabase({ kind: "postgres", url: serverUrl });
      try {
        await sql.raw(`drop database if exists ${name} with (force)`).execute(again);
      } finally {
        await again.destroy();
      }
    },
  };
}
