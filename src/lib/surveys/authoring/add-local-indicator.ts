import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

export const localIndicatorSchema = z.object({
  title: z.string().trim().min(1, { error: "Enter the indicator’s title, like % who feel safe in the market square" }).max(120, { error: "Title must be 120 characters or fewer" }),
  countedOptionKeys: z
    .union([z.string(), z.array(z.string())], { error: "Select the answers that count" })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^[a-z0-9_]+$/)).min(1, { error: "Select the answers that count" })),
});
export type LocalIndicator = z.infer<typeof localIndicatorSchema>;

/**
 * A custom indicator for a local question: the share of residents whose answer is one of the
 * chosen options. "Don't know" stays in the base, as for the standard indicators (DOMAIN.md).
 */
export async function addLocalIndicator(
  db: Kysely<Database>,
  administrator: SessionUser,
  questionKey: string,
  indicator: LocalIndicator,
): Promise<Result<string, "NotALocalQuestion" | "UnknownOption" | "CountsEverything">> {
  return db.transaction().execute(async (trx) => {
    const question = await trx.selectFrom("question").select(["id", "is_national", "is_about_you"]).where("key", "=", questionKey).executeTakeFirst();
    if (!question || question.is_national || question.is_about_you) return err("NotALocalQuestion" as const);
    const options = await trx.selectFrom("response_option").select(["id", "key"]).where("question_id", "=", question.id).execute();
    const counted = options.filter((o) => indicator.countedOptionKeys.includes(o.key));
    if (counted.length !== indicator.countedOptionKeys.length) return err("UnknownOption" as const);
    if (counted.length === options.length) return err("CountsEverything" as const);
    const existing = await trx.selectFrom("indicator").select("id").where("key", "like", `${questionKey}%`).execute();
    const key = existing.length === 0 ? questionKey : `${questionKey}_${existing.length + 1}`;
    const added = await trx
      .insertInto("indicator")
      .values({ key, title: indicator.title, title_cy: null, calculation: "share_of_options", settings: JSON.stringify({ dontKnowInBase: true }), is_national: false })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("indicator_question").values({ indicator_id: added.id, question_id: question.id }).execute();
    await trx.insertInto("indicator_counted_option").values(counted.map((o) => ({ indicator_id: added.id, response_option_id: o.id }))).execute();
    await recordAuditEvent(trx, { actor: administrator, action: "question_added", object: { type: "indicator", id: key }, detail: { question: questionKey } });
    return ok(key);
  });
}
