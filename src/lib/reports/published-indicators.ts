import type { Kysely } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { listIndicatorDefinitions, type IndicatorDefinition } from "./indicator-definition";

/** The indicators any survey publishes on the public ward pages and in the public JSON. */
export async function listPublishedIndicators(db: Kysely<Database>): Promise<IndicatorDefinition[]> {
  const published = await db.selectFrom("survey_published_indicator").select("indicator_id").distinct().execute();
  const ids = new Set(published.map((p) => p.indicator_id));
  return (await listIndicatorDefinitions(db)).filter((i) => ids.has(i.id));
}

export async function publishedIndicatorIds(db: Kysely<Database>, surveyId: number): Promise<number[]> {
  return (await db.selectFrom("survey_published_indicator").select("indicator_id").where("survey_id", "=", surveyId).execute()).map((r) => r.indicator_id);
}

/**
 * Chooses which indicators a survey shows the public (always with suppression). The ids come
 * straight from the form: any that is not a known indicator is ignored.
 */
export async function setPublishedIndicators(db: Kysely<Database>, administrator: SessionUser, surveyId: number, chosenIds: readonly string[]): Promise<void> {
  const known = new Set((await listIndicatorDefinitions(db)).map((i) => String(i.id)));
  const indicatorIds = chosenIds.filter((id) => known.has(id)).map(Number);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("survey_published_indicator").where("survey_id", "=", surveyId).execute();
    if (indicatorIds.length > 0) {
      await trx.insertInto("survey_published_indicator").values(indicatorIds.map((id) => ({ survey_id: surveyId, indicator_id: id }))).execute();
    }
    await recordAuditEvent(trx, { actor: administrator, action: "indicators_published", object: { type: "survey", id: surveyId }, detail: { publishedIndicators: indicatorIds.length } });
  });
}
