import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { wholeNumberText } from "~/lib/forms/whole-number-text";
import { generateAccessCodes } from "./access-codes";

export const MAX_CODES_AT_ONCE = 20_000;

export const accessCodeCountSchema = z.object({
  count: wholeNumberText(1, MAX_CODES_AT_ONCE, {
    empty: "Enter how many access codes to make",
    notWhole: "Number of access codes must be a whole number, like 500",
    outOfRange: `Number of access codes must be between 1 and ${MAX_CODES_AT_ONCE.toLocaleString("en-GB")}`,
  }).pipe(z.number()),
});

export type AccessCodeUsage = {
  surveyId: number;
  slug: string;
  /** The newest version's title and whether it asks residents for a code. */
  title: string;
  requiresAccessCode: boolean;
  generated: number;
  used: number;
};

/**
 * How many codes a survey has and how many have been used to send a response. Only counts:
 * nothing records which code went to which letter, so nothing here could say who answered.
 * Null when no survey has the slug.
 */
export async function findAccessCodeUsage(db: Kysely<Database>, slug: string): Promise<AccessCodeUsage | null> {
  const survey = await db
    .selectFrom("survey")
    .innerJoin("survey_version", "survey_version.survey_id", "survey.id")
    .select(["survey.id", "survey.slug", "survey_version.title", "survey_version.requires_access_code"])
    .where("survey.slug", "=", slug)
    .orderBy("survey_version.version_number", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!survey) return null;
  const counts = await db
    .selectFrom("access_code")
    .select((eb) => [eb.fn.countAll<number>().as("generated"), eb.fn.count<number>("used_at").as("used")])
    .where("survey_id", "=", survey.id)
    .executeTakeFirstOrThrow();
  return {
    surveyId: survey.id,
    slug: survey.slug,
    title: survey.title,
    requiresAccessCode: survey.requires_access_code,
    generated: Number(counts.generated),
    used: Number(counts.used),
  };
}

// Postgres's unique_violation: a new code's hash matched an existing one (1 in ~10^12 per pair).
const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && "code" in error && error.code === "23505";

/**
 * Makes `count` new codes for a survey and records who did, and how many, in the audit log, in
 * one transaction. The codes are returned this once, for the mail merge; only hashes are kept.
 * A batch that happens to repeat an existing code is thrown away whole and made again.
 */
export async function issueAccessCodes(
  db: Kysely<Database>,
  administrator: { id: number; email: string },
  survey: { surveyId: number; slug: string },
  count: number,
): Promise<string[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(async (trx) => {
        const codes = await generateAccessCodes(trx, survey.surveyId, count);
        await recordAuditEvent(trx, {
          actor: { id: administrator.id, email: administrator.email },
          action: "access_codes_generated",
          object: { type: "survey", id: survey.slug },
          detail: { count: codes.length },
        });
        return codes;
      });
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}
