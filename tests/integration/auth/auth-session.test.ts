import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { createAuthSession, invalidateAuthSession, invalidateUserSessions, validateAuthSession } from "~/lib/auth/auth-session";
import { testDatabases } from "../../support/test-databases";

const HOUR = 60 * 60 * 1000;
const start = new Date("2026-11-25T09:00:00Z");
const at = (hours: number) => new Date(start.getTime() + hours * HOUR);

describe.each(testDatabases())("staff sessions on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let userId: number;
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    const user = await db
      .insertInto("app_user")
      .values({ email: "carl@example.org", display_name: "Carl", role: "csp_member", password_hash: "$argon2id$not-checked-here", totp_key: null, totp_last_used_step: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    userId = user.id;
  });
  afterAll(() => close());

  it("stores only a hash of the token's secret and finds the user from the token", async () => {
    const { token, session } = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    const stored = await db.selectFrom("auth_session").selectAll().where("id", "=", session.id).executeTakeFirstOrThrow();
    const secret = token.split(".")[1]!;
    expect(Buffer.from(stored.secret_hash).toString()).not.toContain(secret);
    expect(stored.secret_hash).toHaveLength(32);
    const validated = await validateAuthSession(db, token, at(0.5));
    expect(validated?.user).toMatchObject({ id: userId, email: "carl@example.org", role: "csp_member", hasTwoFactor: false });
  });

  it("refuses a token whose secret was altered", async () => {
    const { token } = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    const tampered = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    expect(await validateAuthSession(db, tampered, at(0.1))).toBeNull();
    expect(await validateAuthSession(db, "not-a-token", at(0.1))).toBeNull();
  });

  it("pushes the idle expiry back when used after an hour, writing at most hourly", async () => {
    const { token, session } = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    await validateAuthSession(db, token, at(0.5));
    let row = await db.selectFrom("auth_session").select("last_verified_at").where("id", "=", session.id).executeTakeFirstOrThrow();
    expect(row.last_verified_at.getTime()).toBe(start.getTime());
    await validateAuthSession(db, token, at(1.5));
    row = await db.selectFrom("auth_session").select("last_verified_at").where("id", "=", session.id).executeTakeFirstOrThrow();
    expect(row.last_verified_at.getTime()).toBe(at(1.5).getTime());
    // Used at 1.5 h, so 8 idle hours later it is still alive at 9 h...
    expect(await validateAuthSession(db, token, at(9))).not.toBeNull();
  });

  it("expires a session left idle for longer than the limit, and deletes it", async () => {
    const { token, session } = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    expect(await validateAuthSession(db, token, at(8.5))).toBeNull();
    expect(await db.selectFrom("auth_session").select("id").where("id", "=", session.id).executeTakeFirst()).toBeUndefined();
  });

  it("ends a session at its absolute lifetime even when it is used every hour", async () => {
    const { token } = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    for (let hour = 1; hour <= 11; hour++) expect(await validateAuthSession(db, token, at(hour))).not.toBeNull();
    expect(await validateAuthSession(db, token, at(12.5))).toBeNull();
  });

  it("invalidates one session on sign-out, and every other session on 'sign out everywhere'", async () => {
    const a = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    const b = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    const c = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    await invalidateAuthSession(db, a.session.id);
    expect(await validateAuthSession(db, a.token, at(0.1))).toBeNull();
    await invalidateUserSessions(db, userId, b.session.id);
    expect(await validateAuthSession(db, b.token, at(0.1))).not.toBeNull();
    expect(await validateAuthSession(db, c.token, at(0.1))).toBeNull();
  });

  it("refuses every session of a disabled account", async () => {
    const { token } = await createAuthSession(db, userId, { isTwoFactorVerified: true, now: start });
    await db.updateTable("app_user").set({ disabled_at: at(0) }).where("id", "=", userId).execute();
    expect(await validateAuthSession(db, token, at(0.1))).toBeNull();
    await db.updateTable("app_user").set({ disabled_at: null }).where("id", "=", userId).execute();
  });
});
