import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

const keyOf = (text: string) => text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 60);

export const localQuestionSchema = z.object({
  text: z.string().trim().min(1, { error: "Enter the question" }).max(300, { error: "Question must be 300 characters or fewer" }),
  textCy: z.string().trim().max(300, { error: "Welsh question must be 300 characters or fewer" }).optional().transform((v) => (v ? v : null)),
  options: z
    .string()
    .transform((v) => v.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== ""))
    .pipe(
      z
        .array(z.string().max(120, { error: "Each answer must be 120 characters or fewer" }))
        .min(2, { error: "Enter at least two answers, one on each line" })
        .max(12, { error: "Enter no more than 12 answers" })
        .refine((labels) => new Set(labels.map(keyOf)).size === labels.length, { error: "Each answer must be different from the others" }),
    ),
  offerDontKnow: z.literal("yes").optional().transform((v) => v === "yes"),
});
export type LocalQuestion = z.infer<typeof localQuestionSchema>;
export const LOCAL_QUESTION_FIELDS = ["text", "textCy", "options"] as const;

/**
 * Adds a CSP's own question to the bank. It is marked local (not CSEW-aligned), so it never
 * feeds a standard indicator or a national comparison.
 */
export async function addLocalQuestion(db: Kysely<Database>, administrator: SessionUser, question: LocalQuestion): Promise<Result<string, "QuestionExists">> {
  const key = `local_${keyOf(question.text)}`;
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("question").select("id").where("key", "=", key).executeTakeFirst();
    if (existing) return err("QuestionExists" as const);
    const added = await trx
      .insertInto("question")
      .values({ key, text: question.text, text_cy: question.textCy, hint: null, hint_cy: null, answer_type: "single", topic: "Local questions", is_national: false, is_about_you: false })
      .returning("id")
      .executeTakeFirstOrThrow();
    const labels = question.offerDontKnow ? [...question.options, "Don’t know"] : question.options;
    await trx
      .insertInto("response_option")
      .values(labels.map((label, index) => ({
        question_id: added.id,
        key: keyOf(label) || `option_${index + 1}`,
        label,
        label_cy: null,
        position: index + 1,
        score: null,
        is_dont_know: question.offerDontKnow && index === labels.length - 1,
      })))
      .execute();
    await recordAuditEvent(trx, { actor: administrator, action: "question_added", object: { type: "question", id: key } });
    return ok(key);
  });
}
