import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { recordAuditEvent } from "./audit";
import { invalidateUserSessions, type SessionUser } from "./auth-session";
import { hashPassword, verifyPassword } from "./password";
import { checkNewPassword, type PasswordError } from "./password-policy";

/**
 * Changes a password after checking the current one, and signs the account out of every other
 * session: whoever knew the old password must not stay signed in with it.
 */
export async function changePassword(
  db: Kysely<Database>,
  user: SessionUser,
  currentSessionId: string,
  passwords: { current: string; next: string },
  now: Date,
): Promise<Result<void, "WrongCurrentPassword" | PasswordError>> {
  const row = await db.selectFrom("app_user").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, passwords.current))) return err("WrongCurrentPassword");
  const policy = checkNewPassword(passwords.next, { email: user.email });
  if (!policy.ok) return err(policy.error);
  const passwordHash = await hashPassword(passwords.next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("app_user").set({ password_hash: passwordHash, password_changed_at: now }).where("id", "=", user.id).execute();
    await invalidateUserSessions(trx, user.id, currentSessionId);
    await recordAuditEvent(trx, { actor: { id: user.id, email: user.email }, action: "password_changed", object: { type: "user", id: user.id } });
  });
  return ok(undefined);
}
