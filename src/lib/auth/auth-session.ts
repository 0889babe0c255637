import type { Kysely, Transaction } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { Role } from "./roles";
import {
  generateSessionToken,
  hashSessionSecret,
  isSessionSecretValid,
  parseSessionToken,
  sessionDecision,
  sessionExpiresAt,
} from "./session-token";

export type SessionUser = {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  hasTwoFactor: boolean;
};

export type AuthSession = {
  id: string;
  userId: number;
  isTwoFactorVerified: boolean;
  expiresAt: Date;
};

/** A new session for a user; the token goes in the cookie and is never stored. */
export async function createAuthSession(
  db: Kysely<Database>,
  userId: number,
  options: { isTwoFactorVerified: boolean; now: Date },
): Promise<{ token: string; session: AuthSession }> {
  const { id, secret, token } = generateSessionToken();
  await db
    .insertInto("auth_session")
    .values({
      id,
      secret_hash: hashSessionSecret(secret),
      user_id: userId,
      is_two_factor_verified: options.isTwoFactorVerified,
      created_at: options.now,
      last_verified_at: options.now,
    })
    .execute();
  const expiresAt = sessionExpiresAt({ createdAt: options.now, lastVerifiedAt: options.now });
  return { token, session: { id, userId, isTwoFactorVerified: options.isTwoFactorVerified, expiresAt } };
}

/**
 * The session and user behind a cookie's token, or null for anything malformed, unknown,
 * tampered with, expired or belonging to a disabled account. Use pushes the idle expiry back,
 * writing at most once an hour.
 */
export async function validateAuthSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ session: AuthSession; user: SessionUser } | null> {
  const parsed = parseSessionToken(token);
  if (parsed === null) return null;
  const row = await db
    .selectFrom("auth_session")
    .innerJoin("app_user", "app_user.id", "auth_session.user_id")
    .select([
      "auth_session.id",
      "auth_session.secret_hash",
      "auth_session.is_two_factor_verified",
      "auth_session.created_at",
      "auth_session.last_verified_at",
      "app_user.id as user_id",
      "app_user.email",
      "app_user.display_name",
      "app_user.role",
      "app_user.disabled_at",
      "app_user.totp_key",
    ])
    .where("auth_session.id", "=", parsed.id)
    .executeTakeFirst();
  if (!row || !isSessionSecretValid(parsed.secret, row.secret_hash)) return null;

  const times = { createdAt: row.created_at, lastVerifiedAt: row.last_verified_at };
  const decision = sessionDecision(times, now);
  if (decision === "expired" || row.disabled_at !== null) {
    await invalidateAuthSession(db, row.id);
    return null;
  }
  if (decision === "refresh") {
    await db.updateTable("auth_session").set({ last_verified_at: now }).where("id", "=", row.id).execute();
    times.lastVerifiedAt = now;
  }
  return {
    session: { id: row.id, userId: row.user_id, isTwoFactorVerified: row.is_two_factor_verified, expiresAt: sessionExpiresAt(times) },
    user: { id: row.user_id, email: row.email, displayName: row.display_name, role: row.role, hasTwoFactor: row.totp_key !== null },
  };
}

export async function invalidateAuthSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom("auth_session").where("id", "=", sessionId).execute();
}

/** Signs a user out everywhere, optionally keeping the session they are using now. */
export async function invalidateUserSessions(db: Kysely<Database> | Transaction<Database>, userId: number, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom("auth_session").where("user_id", "=", userId);
  if (exceptSessionId !== undefined) query = query.where("id", "!=", exceptSessionId);
  await query.execute();
}

export async function markSessionTwoFactorVerified(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.updateTable("auth_session").set({ is_two_factor_verified: true }).where("id", "=", sessionId).execute();
}
