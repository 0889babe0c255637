import type { Kysely } from "kysely";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Database, Language } from "~/lib/db/schema";

export const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const DRAFT_COOKIE = "np_draft";

export type Answers = Record<string, string | string[]>;
export type SurveyDraft = {
  tokenHash: string;
  surveyVersionId: number;
  wardId: number | null;
  accessCodeId: number | null;
  answers: Answers;
  language: Language;
  /** Set once the response is stored; the draft then holds no answers. */
  submittedAt: Date | null;
  /** A paper questionnaire keyed in by an officer, for their partner source. */
  paper: { partnerSourceId: number } | null;
};

export const hashDraftToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/** A new draft behind a random token for the resident's cookie; only the token's hash is kept. */
export async function startDraft(
  db: Kysely<Database>,
  surveyVersionId: number,
  language: Language,
  now: Date,
  paper: { partnerSourceId: number } | null = null,
): Promise<string> {
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  await db
    .insertInto("survey_draft")
    .values({
      token_hash: hashDraftToken(token),
      survey_version_id: surveyVersionId,
      language,
      expires_at: new Date(now.getTime() + DRAFT_LIFETIME_MS),
      channel: paper ? "paper" : "web",
      partner_source_id: paper?.partnerSourceId ?? null,
    })
    .execute();
  return token;
}

/** The draft behind a cookie's token for this survey version, or null when missing or expired. */
export async function findDraft(db: Kysely<Database>, token: string | undefined, surveyVersionId: number, now: Date): Promise<SurveyDraft | null> {
  if (!token || token.length > 64) return null;
  const row = await db
    .selectFrom("survey_draft")
    .selectAll()
    .where("token_hash", "=", hashDraftToken(token))
    .where("survey_version_id", "=", surveyVersionId)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    surveyVersionId: row.survey_version_id,
    wardId: row.ward_id,
    accessCodeId: row.access_code_id,
    answers: row.answers,
    language: row.language,
    submittedAt: row.submitted_at,
    paper: row.channel === "paper" && row.partner_source_id !== null ? { partnerSourceId: row.partner_source_id } : null,
  };
}

export async function saveDraftAnswers(db: Kysely<Database>, draft: SurveyDraft, answers: Answers): Promise<void> {
  await db.updateTable("survey_draft").set({ answers: JSON.stringify(answers) }).where("token_hash", "=", draft.tokenHash).where("submitted_at", "is", null).execute();
}

export async function setDraftWard(db: Kysely<Database>, draft: SurveyDraft, wardId: number): Promise<void> {
  await db.updateTable("survey_draft").set({ ward_id: wardId }).where("token_hash", "=", draft.tokenHash).execute();
}

export async function setDraftLanguage(db: Kysely<Database>, draft: SurveyDraft, language: Language): Promise<void> {
  if (draft.language === language) return;
  await db.updateTable("survey_draft").set({ language }).where("token_hash", "=", draft.tokenHash).execute();
}

export async function setDraftAccessCode(db: Kysely<Database>, draft: SurveyDraft, accessCodeId: number): Promise<void> {
  await db.updateTable("survey_draft").set({ access_code_id: accessCodeId }).where("token_hash", "=", draft.tokenHash).execute();
}

/** Deletes every draft past its 24 hours; returns how many. */
export async function deleteExpiredDrafts(db: Kysely<Database>, now: Date): Promise<number> {
  const deleted = await db.deleteFrom("survey_draft").where("expires_at", "<=", now).returning("token_hash").execute();
  return deleted.length;
}

/** Deletes expired drafts now and every hour while the server runs. */
export function scheduleDraftCleanup(db: Kysely<Database>, log: (line: string) => void): void {
  const sweep = () =>
    deleteExpiredDrafts(db, new Date()).catch((error: unknown) => log(`Could not delete expired survey drafts: ${(error as Error).message}`));
  void sweep();
  setInterval(sweep, 60 * 60 * 1000).unref();
}
