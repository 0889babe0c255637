import type { Kysely } from "kysely";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { recordAuditEvent } from "./audit";
import { markSessionTwoFactorVerified, type SessionUser } from "./auth-session";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import type { SignInThrottle } from "./sign-in-throttle";
import { generateTotpKey, totpKeyUri, verifyTotpCode, type TotpError } from "./totp";

export type TotpEnrolment = { keyBase32: string; uri: string };

/** A new key to show once; it is only stored when the person proves their app has it. */
export function beginTotpEnrolment(accountName: string): TotpEnrolment {
  const key = generateTotpKey();
  return { keyBase32: encodeBase32UpperCaseNoPadding(key), uri: totpKeyUri({ accountName, key }) };
}

export function decodeTotpKey(keyBase32: string): Uint8Array | null {
  try {
    const key = decodeBase32IgnorePadding(keyBase32.replace(/\s+/g, "").toUpperCase());
    return key.length === 20 ? key : null;
  } catch {
    return null;
  }
}

/** Turns two-factor authentication on and returns recovery codes to show once. */
export async function enableTotp(
  db: Kysely<Database>,
  user: SessionUser,
  sessionId: string,
  keyBase32: string,
  code: string,
  now: Date,
): Promise<Result<string[], TotpError | "KeyMissing">> {
  const key = decodeTotpKey(keyBase32);
  if (key === null) return err("KeyMissing");
  const checked = verifyTotpCode(key, code, { now, lastUsedStep: null });
  if (!checked.ok) return checked;
  const codes = generateRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("app_user").set({ totp_key: key, totp_last_used_step: checked.value }).where("id", "=", user.id).execute();
    await trx.deleteFrom("recovery_code").where("user_id", "=", user.id).execute();
    await trx.insertInto("recovery_code").values(codes.map((c) => ({ user_id: user.id, code_hash: c.hash, used_at: null }))).execute();
    await trx.updateTable("auth_session").set({ is_two_factor_verified: true }).where("id", "=", sessionId).execute();
    await recordAuditEvent(trx, { actor: { id: user.id, email: user.email }, action: "two_factor_enabled", object: { type: "user", id: user.id } });
  });
  return ok(codes.map((c) => c.display));
}

/** Completes a sign-in with a code from the authenticator app or a one-use recovery code. */
export async function verifySecondFactor(
  db: Kysely<Database>,
  throttle: SignInThrottle,
  attempt: { user: SessionUser; sessionId: string; code: string; clientKey: string },
  now: Date,
): Promise<Result<"totp" | "recovery_code", "Incorrect" | "AlreadyUsed" | "NotSixDigits" | "Throttled">> {
  const { user, sessionId, code } = attempt;
  // Six digits are guessable without a limit: the sign-in throttle covers this step too.
  const key = { email: user.email, clientKey: attempt.clientKey };
  if (!throttle.check(key, now).allowed) return err("Throttled");
  const fail = async <E>(error: E) => {
    throttle.recordFailure(key, now);
    await recordAuditEvent(db, { actor: { id: user.id, email: user.email }, action: "two_factor_failed" });
    return err(error);
  };
  const recovery = normaliseRecoveryCode(code);
  if (recovery !== null) {
    const used = await db
      .updateTable("recovery_code")
      .set({ used_at: now })
      .where("user_id", "=", user.id)
      .where("code_hash", "=", hashRecoveryCode(recovery))
      .where("used_at", "is", null)
      .returning("code_hash")
      .executeTakeFirst();
    if (!used) return fail("Incorrect" as const);
    throttle.recordSuccess(key);
    await markSessionTwoFactorVerified(db, sessionId);
    await recordAuditEvent(db, { actor: { id: user.id, email: user.email }, action: "recovery_code_used" });
    return ok("recovery_code");
  }
  const row = await db.selectFrom("app_user").select(["totp_key", "totp_last_used_step"]).where("id", "=", user.id).executeTakeFirstOrThrow();
  if (row.totp_key === null) return err("Incorrect");
  const checked = verifyTotpCode(row.totp_key, code, { now, lastUsedStep: row.totp_last_used_step });
  if (!checked.ok) return fail(checked.error);
  // Conditional on the step still being newer, so two requests cannot both spend one code.
  const spent = await db
    .updateTable("app_user")
    .set({ totp_last_used_step: checked.value })
    .where("id", "=", user.id)
    .where((eb) => eb.or([eb("totp_last_used_step", "is", null), eb("totp_last_used_step", "<", checked.value)]))
    .returning("id")
    .executeTakeFirst();
  if (!spent) return fail("AlreadyUsed" as const);
  throttle.recordSuccess(key);
  await markSessionTwoFactorVerified(db, sessionId);
  return ok("totp");
}
