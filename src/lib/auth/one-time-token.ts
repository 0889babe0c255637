import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/*
 * Single-use tokens for links sent by email: setting up the first administrator, and invitations.
 * The link carries the token; the database keeps only its SHA-256 hex, so a leaked table cannot
 * be turned back into working links. A fast hash is enough because the token is 256 random bits
 * (the same reasoning as session secrets in the Lucia guide). Lookups are by hash, so no
 * constant-time comparison is needed. "Single use" is the caller's job: delete or mark the row
 * in the same transaction that acts on it.
 */

const TOKEN_BYTES = 32;

export type LinkTokenPurpose = "setup" | "invitation";

/**
 * How long a link works. Setup: 24 hours, because it is created by whoever installs the service
 * and used straight away. Invitation: 7 days, so a new officer or board member who is away for a
 * few days can still accept; an administrator can send a new one after that.
 */
export const LINK_TOKEN_VALIDITY_MS: Readonly<Record<LinkTokenPurpose, number>> = {
  setup: 24 * 60 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
};

/** 32 random bytes as 52 lowercase base32 characters: URL-safe with no escaping. */
export function generateLinkToken(): string {
  const bytes = new Uint8Array(TOKEN_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 of the token's UTF-8 bytes, as 64 lowercase hex characters. */
export function hashLinkToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** When a token issued at `issuedAt` for `purpose` stops working. */
export function linkTokenExpiresAt(purpose: LinkTokenPurpose, issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + LINK_TOKEN_VALIDITY_MS[purpose]);
}

export function isLinkTokenExpired(purpose: LinkTokenPurpose, issuedAt: Date, now: Date): boolean {
  return now.getTime() >= linkTokenExpiresAt(purpose, issuedAt).getTime();
}
