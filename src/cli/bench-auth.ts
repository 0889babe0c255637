import { createHash } from "node:crypto";
import { sql } from "kysely";
import { createAuthSession, validateAuthSession } from "~/lib/auth/auth-session";
import { hashPassword } from "~/lib/auth/password";
import { openDatabase } from "~/lib/db/client";
import { migrateToLatest } from "~/lib/db/migrate";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeEach(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** One argon2id hash, and validating a session cookie, each beside a baseline from this run. */
export async function benchAuth(databaseUrl: string | undefined): Promise<void> {
  const password = "lantern orchard pebble violin";
  const sha = await timeEach(200, () => createHash("sha256").update(password).digest());
  const argon = await timeEach(10, () => hashPassword(password));
  console.log(`argon2id hash of one password: ${argon.toFixed(1)} ms = ${Math.round(argon / sha).toLocaleString("en-GB")}x one SHA-256 of it (${(sha * 1000).toFixed(1)} µs)`);

  const targets = [{ name: "PGlite", database: { kind: "pglite", dataDir: "memory://" } as const }];
  if (databaseUrl) targets.push({ name: "PostgreSQL", database: { kind: "postgres", url: databaseUrl } as never });
  for (const target of targets) {
    const db = await openDatabase(target.database);
    try {
      await migrateToLatest(db);
      const email = `bench-${Date.now()}@example.org`;
      const user = await db
        .insertInto("app_user")
        .values({ email, display_name: "Bench", role: "csp_member", password_hash: "x", totp_key: null, totp_last_used_step: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { token } = await createAuthSession(db, user.id, { isTwoFactorVerified: true, now: new Date() });
      const bare = await timeEach(300, () => sql`select 1`.execute(db));
      const validate = await timeEach(300, () => validateAuthSession(db, token, new Date()));
      console.log(
        `validating a session cookie on a request, ${target.name}: ${(validate * 1000).toFixed(0)} µs = ${(validate / bare).toFixed(1)}x a bare "select 1" (${(bare * 1000).toFixed(0)} µs)`,
      );
      await db.deleteFrom("app_user").where("id", "=", user.id).execute();
    } finally {
      await db.destroy();
    }
  }
}
