import { sql } from "kysely";
import { getDb } from "~/lib/db/app-database";

export type Health = { status: "ok" | "unavailable"; database: "ok" | "unreachable"; checkedAt: string };

const TIMEOUT_MS = 2_000;

/** Asks the database a trivial question; a hung connection counts as unreachable after 2 s. */
export async function checkHealth(now = () => new Date()): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS);
  });
  try {
    const db = await Promise.race([getDb(), timeout]);
    await Promise.race([sql`select 1`.execute(db), timeout]);
    return { status: "ok", database: "ok", checkedAt: now().toISOString() };
  } catch (error) {
    console.error(`Health check failed: ${(error as Error).message}`);
    return { status: "unavailable", database: "unreachable", checkedAt: now().toISOString() };
  } finally {
    clearTimeout(timer);
  }
}
