import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import type { Result } from "~/lib/result";

/*
 * TOTP (RFC 6238) with the parameters every authenticator app supports: HMAC-SHA-1, 30-second
 * steps, 6 digits. @oslojs/otp's own verifyTOTP* functions read Date.now() and only answer
 * yes or no; we call its HOTP primitives with a step worked out from `now` instead, so that
 * time is an argument (as everywhere else in src/lib) and the caller learns which step matched.
 * Storing that step and refusing it next time is what makes the code single-use: RFC 6238 5.2
 * says a verifier must not accept the same OTP a second time (also OWASP ASVS 4.0 2.8.4).
 */
const STEP_SECONDS = 30;
const DIGITS = 6;
/** RFC 6238 5.2 recommends allowing at most one step of drift; we allow one either way. */
const DRIFT_STEPS = 1;
/** RFC 4226 4 requires at least 128 bits and recommends 160: 20 bytes. */
const KEY_BYTES = 20;

export const TOTP_ISSUER = "Neighbourhood Pulse";

export type TotpError = "NotSixDigits" | "Incorrect" | "AlreadyUsed";

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(KEY_BYTES);
  crypto.getRandomValues(key);
  return key;
}

/** The otpauth:// URI for a QR code; the key appears in it base32-encoded, as apps expect. */
export function totpKeyUri(options: { issuer?: string; accountName: string; key: Uint8Array }): string {
  return createTOTPKeyURI(options.issuer ?? TOTP_ISSUER, options.accountName, options.key, STEP_SECONDS, DIGITS);
}

/** The RFC 6238 time step (counter) that contains `now`. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS);
}

/** Removes the spaces (and any other whitespace) people type or paste, as in "123 456". */
export function normaliseTotpCode(input: string): string {
  return input.replace(/\s+/g, "");
}

/**
 * Checks a 6-digit code against the steps from 30 seconds before `now` to 30 seconds after.
 * On success, returns the step that matched: store it as the account's last used step and pass
 * it back as `lastUsedStep` next time, so the same code (or an older one) cannot be replayed.
 */
export function verifyTotpCode(
  key: Uint8Array,
  code: string,
  options: { now: Date; lastUsedStep: number | null },
): Result<number, TotpError> {
  const digits = normaliseTotpCode(code);
  if (!/^\d{6}$/.test(digits)) return { ok: false, error: "NotSixDigits" };
  const current = totpStep(options.now);
  let matchedUsedStep = false;
  // Steps start at 0 (the Unix epoch); a negative counter would make verifyHOTP throw.
  for (let step = Math.max(0, current - DRIFT_STEPS); step <= current + DRIFT_STEPS; step++) {
    if (!verifyHOTP(key, BigInt(step), DIGITS, digits)) continue;
    if (options.lastUsedStep !== null && step <= options.lastUsedStep) {
      matchedUsedStep = true;
      continue;
    }
    return { ok: true, value: step };
  }
  return { ok: false, error: matchedUsedStep ? "AlreadyUsed" : "Incorrect" };
}
