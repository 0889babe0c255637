import type { Kysely } from "kysely";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

// No 0/O, 1/I/L: codes are typed from paper.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;

/** "abcd efgh", "ABCD-EFGH" and "abcdefgh" are the same code. */
export const normaliseAccessCode = (input: string) => input.toUpperCase().replace(/[\s-]+/g, "");
const hashAccessCode = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseAccessCode(code))));

function randomCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
  // 256 is not a multiple of 31; the bias this modulo leaves (under 1%) does not matter for codes
  // that also have to be guessed within one survey's few thousand.
  const code = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Makes `count` single-use codes for a survey and returns them once, for a mail merge. Only
 * their hashes are kept, and nothing ties a code to an address.
 */
export async function generateAccessCodes(db: Kysely<Database>, surveyId: number, count: number): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  const list = [...codes];
  for (let i = 0; i < list.length; i += 1000) {
    await db
      .insertInto("access_code")
      .values(list.slice(i, i + 1000).map((code) => ({ survey_id: surveyId, code_hash: hashAccessCode(code) })))
      .execute();
  }
  return list;
}

export async function checkAccessCode(db: Kysely<Database>, surveyId: number, input: string): Promise<Result<number, "Unknown" | "Used">> {
  const code = normaliseAccessCode(input);
  if (!/^[A-Z0-9]{4,16}$/.test(code)) return err("Unknown");
  const row = await db
    .selectFrom("access_code")
    .select(["id", "used_at"])
    .where("survey_id", "=", surveyId)
    .where("code_hash", "=", hashAccessCode(code))
    .executeTakeFirst();
  if (!row) return err("Unknown");
  return row.used_at === null ? ok(row.id) : err("Used");
}
