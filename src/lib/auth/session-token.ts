import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/*
 * Session tokens as in the current Lucia guide (lucia-auth/lucia code/auth_session.ts,
 * pages/sessions/basic.md): the cookie holds `<id>.<secret>`, the database keeps the id and
 * only a SHA-256 hash of the secret. A separate id means the row is found by an ordinary
 * lookup and only the secret comparison needs to be constant-time. SHA-256 rather than a slow
 * password hash is fine because the secret is 256 random bits, beyond any brute force.
 */

/** 15 random bytes: exactly 24 base32 characters, 120 bits (the guide's minimum for an id). */
const ID_BYTES = 15;
/** 32 random bytes, as in the guide's auth_session.ts: 52 base32 characters. */
const SECRET_BYTES = 32;
const TOKEN_PATTERN = /^([a-z2-7]{24})\.([a-z2-7]{52})$/;
const TOKEN_LENGTH = 24 + 1 + 52;

export interface SessionToken {
  id: string;
  secret: string;
  /** What goes in the cookie. Never stored. */
  token: string;
}

function randomBase32(byteCount: number): string {
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** A new random id and secret; store `id` and `hashSessionSecret(secret)`, send `token`. */
export function generateSessionToken(): SessionToken {
  const id = randomBase32(ID_BYTES);
  const secret = randomBase32(SECRET_BYTES);
  return { id, secret, token: `${id}.${secret}` };
}

/** SHA-256 of the secret's UTF-8 bytes, for the `secret_hash` bytea column. */
export function hashSessionSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/**
 * Splits a cookie value into id and secret. Returns null, never throws, for anything that is
 * not exactly one id, one dot and one secret in the shapes `generateSessionToken` makes
 * (including oversized input, checked before any pattern matching).
 */
export function parseSessionToken(token: string): { id: string; secret: string } | null {
  if (typeof token !== "string" || token.length !== TOKEN_LENGTH) return null;
  const match = TOKEN_PATTERN.exec(token);
  if (match === null || match[1] === undefined || match[2] === undefined) return null;
  return { id: match[1], secret: match[2] };
}

/** Constant-time comparison of the presented secret's hash with the stored hash. */
export function isSessionSecretValid(secret: string, storedHash: Uint8Array): boolean {
  return constantTimeEqual(hashSessionSecret(secret), storedHash);
}

/*
 * Expiry. Use pushes the expiry back (an inactivity timeout), but `last_verified_at` is written
 * at most once per refresh interval to keep the database load down (Lucia,
 * pages/sessions/inactivity-timeout.md). So the idle limit is only accurate to within that
 * interval: a session is signed out between 7 and 8 hours after its last use.
 *
 * 8 hours idle: staff (officers, board members, administrators) dip in and out of the back
 * office through a working day, and an idle limit shorter than a few hours is not meaningful
 * with hourly writes. OWASP's 15 to 30 minutes for low-risk applications would need a write on
 * almost every request. The absolute cap below bounds the damage if a token is stolen and then
 * kept alive by use.
 *
 * 12 hours absolute: one long working day, after which the user signs in again (with their
 * second factor) whatever their activity. OWASP Cornucopia SM6 suggests periodic termination
 * "after 8 or 12 hours" even when the session is active.
 */
export const SESSION_IDLE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
export const SESSION_REFRESH_INTERVAL_MS = 60 * 60 * 1000;
export const SESSION_MAX_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface SessionTimes {
  createdAt: Date;
  lastVerifiedAt: Date;
}

/**
 * `expired`: delete the session (idle too long, or older than the absolute limit).
 * `refresh`: valid, and `last_verified_at` should be set to `now`.
 * `valid`: valid, no write needed.
 */
export type SessionDecision = "valid" | "refresh" | "expired";

export function sessionDecision(session: SessionTimes, now: Date): SessionDecision {
  if (now.getTime() >= sessionExpiresAt(session).getTime()) return "expired";
  const sinceVerified = now.getTime() - session.lastVerifiedAt.getTime();
  return sinceVerified >= SESSION_REFRESH_INTERVAL_MS ? "refresh" : "valid";
}

/** The earlier of the idle deadline and the absolute deadline; suits the cookie's `Expires`. */
export function sessionExpiresAt(session: SessionTimes): Date {
  const idleDeadline = session.lastVerifiedAt.getTime() + SESSION_IDLE_TIMEOUT_MS;
  const absoluteDeadline = session.createdAt.getTime() + SESSION_MAX_LIFETIME_MS;
  return new Date(Math.min(idleDeadline, absoluteDeadline));
}
