import { sql, type Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

export type StoredEvidence = {
  /** Web responses in the database. */
  stored: number;
  /** Acknowledged submissions whose draft is not marked sent (its response would be missing). */
  missing: number;
  /** How many answers each stored web response has, and how many responses have that many. */
  answersPerResponse: Record<number, number>;
};

/**
 * What a load or fault test can prove from the database alone. Responses are anonymous, so an
 * acknowledged submission is found through its draft: the draft is marked sent in the same
 * transaction that stores the response, and keeps its token's hash for 24 hours.
 */
export async function storedEvidence(db: Kysely<Database>, acknowledgedTokenHashes: string[]): Promise<StoredEvidence> {
  const stored = Number((await sql<{ n: number }>`select count(*)::int as n from survey_response where channel = 'web'`.execute(db)).rows[0]!.n);
  let found = 0;
  for (let i = 0; i < acknowledgedTokenHashes.length; i += 1000) {
    const chunk = acknowledgedTokenHashes.slice(i, i + 1000);
    const row = await db.selectFrom("survey_draft").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("token_hash", "in", chunk).where("submitted_at", "is not", null).executeTakeFirstOrThrow();
    found += Number(row.n);
  }
  const counts = await sql<{ answers: number; responses: number }>`
    select answers, count(*)::int as responses from (
      select r.id, count(a.survey_response_id)::int as answers
      from survey_response r left join answer a on a.survey_response_id = r.id
      where r.channel = 'web' group by r.id
    ) per_response group by answers`.execute(db);
  return {
    stored,
    missing: acknowledgedTokenHashes.length - found,
    answersPerResponse: Object.fromEntries(counts.rows.map((r) => [Number(r.answers), Number(r.responses)])),
  };
}
