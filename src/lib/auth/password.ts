import { hash, verify } from "@node-rs/argon2";
import type { Algorithm, Options } from "@node-rs/argon2";

/*
 * Argon2id with OWASP's minimum configuration: 19 MiB of memory (19,456 KiB), 2 iterations,
 * parallelism 1 (OWASP Password Storage Cheat Sheet, "Argon2id": "a minimum configuration of
 * 19 MiB of memory, an iteration count of 2, and 1 degree of parallelism"). These match
 * @node-rs/argon2's defaults today, but are written out so that a library upgrade cannot lower
 * them silently. Each hash is stored in PHC format with its own parameters and 16-byte salt, so
 * raising them later only affects new hashes.
 */
const ARGON2ID = 2 satisfies Algorithm;
const OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} satisfies Options;

/**
 * Anything longer cannot have been accepted by the password policy (256 characters), even
 * counted in UTF-16 units; rejecting it early stops a huge sign-in form value being hashed.
 */
const LONGEST_HASHABLE = 1024;

/*
 * NIST SP 800-63B 5.1.1.2: apply NFKC (or NFKD) normalisation before hashing, so the same
 * password typed on two keyboards that compose accents differently still matches.
 */
function normalise(password: string): string {
  return password.normalize("NFKC");
}

/** Hashes a new password. Throws RangeError for input longer than any policy allows. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length > LONGEST_HASHABLE) throw new RangeError("Password is too long to hash");
  return hash(normalise(password), OPTIONS);
}

/**
 * True when `password` matches `passwordHash`. False, never a throw, for a wrong password, an
 * over-long one, or a stored hash that is malformed or not Argon2.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > LONGEST_HASHABLE) return false;
  try {
    return await verify(passwordHash, normalise(password));
  } catch {
    return false;
  }
}
