import type { Kysely } from "kysely";
import { sql } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

/**
 * Publishes a draft version. It is frozen from then on; the version it replaces stops taking
 * answers but keeps those it has, and reports join versions through the question bank.
 */
export async function publishVersion(db: Kysely<Database>, administrator: SessionUser, versionId: number, now: Date): Promise<Result<void, "NotADraft" | "NoQuestions">> {
  return db.transaction().execute(async (trx) => {
    const version = await trx.selectFrom("survey_version").select(["survey_id", "status"]).where("id", "=", versionId).forUpdate().executeTakeFirst();
    if (version?.status !== "draft") return err("NotADraft" as const);
    const questions = await trx.selectFrom("survey_question").select("question_id").where("survey_version_id", "=", versionId).execute();
    if (questions.length === 0) return err("NoQuestions" as const);
    await trx.updateTable("survey_version").set({ status: "closed" }).where("survey_id", "=", version.survey_id).where("status", "=", "published").execute();
    await trx.updateTable("survey_version").set({ status: "published", published_at: now }).where("id", "=", versionId).execute();
    await recordAuditEvent(trx, { actor: administrator, action: "survey_version_published", object: { type: "survey_version", id: versionId } });
    return ok(undefined);
  });
}

/** A new draft copied from the newest version, to edit without touching what residents answered. */
export async function startNewVersion(db: Kysely<Database>, administrator: SessionUser, surveyId: number): Promise<Result<number, "DraftExists">> {
  return db.transaction().execute(async (trx) => {
    const latest = await trx.selectFrom("survey_version").selectAll().where("survey_id", "=", surveyId).orderBy("version_number", "desc").forUpdate().executeTakeFirstOrThrow();
    if (latest.status === "draft") return err("DraftExists" as const);
    const { id, created_at: _created, published_at: _published, status: _status, version_number, ...content } = latest;
    const draft = await trx
      .insertInto("survey_version")
      .values({ ...content, version_number: version_number + 1, status: "draft", published_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`insert into survey_question (survey_version_id, question_id, page_number, position, asked_if_option_id)
              select ${draft.id}, question_id, page_number, position, asked_if_option_id from survey_question where survey_version_id = ${id}`.execute(trx);
    await sql`insert into survey_version_ward (survey_version_id, ward_id) select ${draft.id}, ward_id from survey_version_ward where survey_version_id = ${id}`.execute(trx);
    await recordAuditEvent(trx, { actor: administrator, action: "survey_version_drafted", object: { type: "survey_version", id: draft.id } });
    return ok(draft.id);
  });
}

/** Stops a survey taking answers now; its answers stay in every report. */
export async function closeSurvey(db: Kysely<Database>, administrator: SessionUser, surveyId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("survey_version").set({ status: "closed" }).where("survey_id", "=", surveyId).where("status", "=", "published").execute();
    await recordAuditEvent(trx, { actor: administrator, action: "survey_closed", object: { type: "survey", id: surveyId } });
  });
}
