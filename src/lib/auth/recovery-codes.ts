import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/*
 * Recovery codes: shown once when someone sets up their second factor, each usable once instead
 * of a TOTP code. Each is 10 random bytes, 16 base32 characters (80 bits), shown in groups of four
 * ("abcd-efgh-ijkl-mnop") so it can be read and typed.
 *
 * Only a SHA-256 hex of the normalised code is stored. A fast unsalted hash is acceptable here,
 * unlike for passwords, because the codes are random rather than chosen: guessing one 80-bit code
 * from a leaked table, even with every stored hash as a target, is far beyond practical. (That
 * is why 16 characters rather than 10: 50 bits, about 10^15 guesses, is a day's work for a GPU.)
 * Lookups are by hash, so no constant-time comparison is needed; "once" is the caller's job:
 * delete the row in the same transaction that signs the person in.
 */
const CODE_BYTES = 10;
const CODE_LENGTH = 16;
const GROUP_LENGTH = 4;

export const RECOVERY_CODE_COUNT = 10;

export interface RecoveryCode {
  /** Show this to the person, once. */
  display: string;
  /** Store this. */
  hash: string;
}

function formatForDisplay(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += GROUP_LENGTH) groups.push(code.slice(i, i + GROUP_LENGTH));
  return groups.join("-");
}

export function generateRecoveryCodes(count: number = RECOVERY_CODE_COUNT): RecoveryCode[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError("count must be a positive integer");
  return Array.from({ length: count }, () => {
    const bytes = new Uint8Array(CODE_BYTES);
    crypto.getRandomValues(bytes);
    const code = encodeBase32LowerCaseNoPadding(bytes);
    return { display: formatForDisplay(code), hash: hashRecoveryCode(code) };
  });
}

/**
 * Lower case, with spaces and dashes removed, so "ABCD EFGH-ijkl mnop" matches. Null when what is
 * left is not 16 base32 characters, so the caller can say the code is not in the right form.
 */
export function normaliseRecoveryCode(input: string): string | null {
  if (input.length > 4 * CODE_LENGTH) return null;
  const code = input.toLowerCase().replace(/[\s-]+/g, "");
  return /^[a-z2-7]{16}$/.test(code) ? code : null;
}

/** SHA-256 of a normalised code, as 64 lowercase hex characters. */
export function hashRecoveryCode(normalisedCode: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalisedCode)));
}
