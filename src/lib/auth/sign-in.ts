import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { recordAuditEvent } from "./audit";
import { createAuthSession, type AuthSession } from "./auth-session";
import { hashPassword, verifyPassword } from "./password";
import type { SignInThrottle } from "./sign-in-throttle";

export type SignInProblem = { kind: "WrongCredentials" } | { kind: "Throttled"; retryAfterSeconds: number };

// Checked against when the email is unknown, so a wrong email takes as long as a wrong
// password and the response time does not say whether the account exists.
let decoyHash: Promise<string> | undefined;

/**
 * Checks an email and password and opens a session. The session is fully verified at once
 * only for accounts without two-factor authentication; otherwise it waits for the code.
 */
export async function signIn(
  db: Kysely<Database>,
  throttle: SignInThrottle,
  attempt: { email: string; password: string; clientKey: string },
  now: Date,
): Promise<Result<{ token: string; session: AuthSession; needsTwoFactor: boolean }, SignInProblem>> {
  const email = attempt.email.trim().toLowerCase();
  const key = { email, clientKey: attempt.clientKey };
  const gate = throttle.check(key, now);
  if (!gate.allowed) {
    await recordAuditEvent(db, { actor: null, action: "sign_in_throttled", detail: { email } });
    return err({ kind: "Throttled", retryAfterSeconds: gate.retryAfterSeconds });
  }

  const user = await db
    .selectFrom("app_user")
    .select(["id", "email", "password_hash", "totp_key", "disabled_at"])
    .where("email", "=", email)
    .executeTakeFirst();
  decoyHash ??= hashPassword("not a password anyone has: decoy for timing");
  const isPasswordRight = await verifyPassword(user?.password_hash ?? (await decoyHash), attempt.password);
  if (!user || !isPasswordRight || user.disabled_at !== null) {
    const after = throttle.recordFailure(key, now);
    await recordAuditEvent(db, { actor: user ? { id: user.id, email: user.email } : null, action: "sign_in_failed", detail: { email } });
    return err(after.allowed ? { kind: "WrongCredentials" } : { kind: "Throttled", retryAfterSeconds: after.retryAfterSeconds });
  }

  throttle.recordSuccess(key);
  const needsTwoFactor = user.totp_key !== null;
  const { token, session } = await createAuthSession(db, user.id, { isTwoFactorVerified: !needsTwoFactor, now });
  await recordAuditEvent(db, { actor: { id: user.id, email: user.email }, action: "sign_in", detail: { twoFactorPending: needsTwoFactor } });
  return ok({ token, session, needsTwoFactor });
}
