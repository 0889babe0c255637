import { COMMON_PASSWORDS } from "~/lib/auth/common-passwords";

/*
 * NCSC, "Password policy: updating your approach" and "Password deny lists": a minimum length,
 * no composition rules (no "must contain a symbol"), no forced expiry, and a deny-list of the
 * most common passwords. There is deliberately no rotation rule anywhere in this module.
 *
 * 12 characters minimum, as NCSC suggests. 256 maximum: long enough for any passphrase or
 * password manager, short enough to bound the cost of hashing. Both are counted in Unicode code
 * points, after NFKC normalisation, as NIST SP 800-63B 5.1.1.2 asks.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordError = "TooShort" | "TooLong" | "Common" | "ContainsEmail";

interface DenyList {
  entries: ReadonlySet<string>;
  longest: number;
}

let denyList: DenyList | null = null;

/** Built on first use: about 10,000 entries, a few milliseconds. */
function commonPasswords(): DenyList {
  if (denyList === null) {
    const entries = COMMON_PASSWORDS.split("\n");
    denyList = { entries: new Set(entries), longest: Math.max(...entries.map((entry) => entry.length)) };
  }
  return denyList;
}

const PADDING = /[^\p{L}]/u;
/** Deny-listed words shorter than this are not looked for inside padding ("love" is, "abc" is not). */
const SHORTEST_PADDED_WORD = 4;
/** A password with no letters must start with a deny-listed run at least this long ("123456…"). */
const SHORTEST_PADDED_NUMBER = 6;

function leadingRun(text: string): number {
  let count = 0;
  while (count < text.length && PADDING.test(text.charAt(count))) count++;
  return count;
}

function trailingRun(text: string): number {
  let count = 0;
  while (count < text.length && PADDING.test(text.charAt(text.length - 1 - count))) count++;
  return count;
}

/**
 * A deny-listed entry with digits, punctuation or spaces added before and/or after it:
 * "password1234", "2024qwertyuiop", "!!letmein!!", "123456789012" (from "1234567890").
 * Works on UTF-16 units, which is safe because padding is matched one unit at a time and
 * surrogate halves are never letters, so they only ever widen a run.
 */
function isPaddedCommonPassword(text: string, { entries, longest }: DenyList): boolean {
  const before = leadingRun(text);
  if (before === text.length) {
    for (let end = SHORTEST_PADDED_NUMBER; end < text.length && end <= longest; end++) {
      if (entries.has(text.slice(0, end))) return true;
    }
    return false;
  }
  const after = trailingRun(text);
  for (let start = 0; start <= before; start++) {
    for (let cut = 0; cut <= after; cut++) {
      const coreLength = text.length - start - cut;
      if ((start === 0 && cut === 0) || coreLength < SHORTEST_PADDED_WORD || coreLength > longest) continue;
      if (entries.has(text.slice(start, start + coreLength))) return true;
    }
  }
  return false;
}

/** "passwordpassword", "abcabcabcabc", "111111111111": the repeated unit, or null. */
function repeatedUnit(text: string): string | null {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) {
      return text.slice(0, size);
    }
  }
  return null;
}

/** Case-insensitive: exact entries, padded entries, and repeats of short or common units. */
export function isCommonPassword(password: string): boolean {
  const text = password.normalize("NFKC").toLowerCase();
  const list = commonPasswords();
  if (list.entries.has(text) || isPaddedCommonPassword(text, list)) return true;
  const unit = repeatedUnit(text);
  return unit !== null && (unit.length <= 4 || list.entries.has(unit) || isPaddedCommonPassword(unit, list));
}

const EMAIL_SEPARATORS = /[._+-]/g;

function containsEmail(text: string, email: string): boolean {
  const address = email.trim().normalize("NFKC").toLowerCase();
  const localPart = address.split("@")[0] ?? "";
  const pieces = [address, localPart, localPart.replace(EMAIL_SEPARATORS, "")];
  // Below 4 characters a local part ("jo@...") is too likely to appear by chance.
  return pieces.some((piece) => piece.length >= 4 && text.includes(piece));
}

/**
 * Checks a password someone is choosing (setup, invitation, change). Sign-in never calls this:
 * an existing password is only ever compared with its hash.
 */
export function checkNewPassword(
  password: string,
  context: { email?: string } = {},
): { ok: true } | { ok: false; error: PasswordError } {
  const length = [...password.normalize("NFKC")].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, error: "TooShort" };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, error: "TooLong" };
  if (isCommonPassword(password)) return { ok: false, error: "Common" };
  const text = password.normalize("NFKC").toLowerCase();
  if (context.email !== undefined && containsEmail(text, context.email)) {
    return { ok: false, error: "ContainsEmail" };
  }
  return { ok: true };
}

/** GOV.UK-style messages: name the field, say how to fix it, no "please", "invalid" or "valid". */
export function passwordErrorMessage(error: PasswordError): string {
  switch (error) {
    case "TooShort":
      return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`;
    case "TooLong":
      return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
    case "Common":
      return "Password must not be a common password, or a common password with numbers or symbols added";
    case "ContainsEmail":
      return "Password must not include your email address";
  }
}
