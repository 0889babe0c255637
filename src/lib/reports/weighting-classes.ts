import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { WeightingClasses } from "./response-counts";

/**
 * The bank's age band and sex questions and the options that place a respondent in a class:
 * every option but "Prefer not to say" and "Don't know". The option keys are the keys the
 * population estimates are loaded under (population-labels.ts), so an answer and its margin
 * cannot disagree. Null when the bank has no such questions (then nothing can be weighted).
 */
export async function listWeightingClasses(db: Kysely<Database>): Promise<WeightingClasses | null> {
  const rows = await db
    .selectFrom("response_option as o")
    .innerJoin("question as q", "q.id", "o.question_id")
    .select(["q.id as question_id", "q.key as question", "o.id", "o.key"])
    .where("q.key", "in", ["age_band", "sex"])
    .where("o.is_prefer_not_to_say", "=", false)
    .where("o.is_dont_know", "=", false)
    .execute();
  const of = (question: string) => new Map(rows.filter((r) => r.question === question).map((r) => [r.id, r.key]));
  const ageBandByOptionId = of("age_band");
  const sexByOptionId = of("sex");
  if (ageBandByOptionId.size === 0 || sexByOptionId.size === 0) return null;
  return { questionIds: [...new Set(rows.map((r) => r.question_id))], ageBandByOptionId, sexByOptionId };
}
