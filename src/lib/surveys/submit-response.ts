import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { todayInUk } from "~/lib/periods/uk-date";
import { reportingPeriodIdFor } from "~/lib/periods/ensure-reporting-periods";
import { err, ok, type Result } from "~/lib/result";
import { firstIncompletePage, isAsked } from "./question-page";
import type { ResidentSurvey } from "./resident-survey";
import type { SurveyDraft } from "./survey-drafts";

export type SubmitProblem =
  | { kind: "DraftGone" }
  | { kind: "WardMissing" }
  | { kind: "Incomplete"; page: number }
  | { kind: "AccessCodeUsed" };

export type SubmittedResponse = { responseId: number; wardGssCode: string; wardName: string };

class Refused extends Error {
  constructor(readonly problem: SubmitProblem) {
    super(problem.kind);
  }
}

/**
 * Stores a resident's response from their draft, in one transaction that also marks the draft
 * submitted and empties it: the draft is the single-use submission token, so a double-click or a
 * resubmitted form stores exactly one response. Only the ward, the reporting period, the hour and the language are kept
 * with the answers; nothing that identifies the resident.
 */
export async function submitResponse(db: Kysely<Database>, survey: ResidentSurvey, draft: SurveyDraft, now: Date): Promise<Result<SubmittedResponse, SubmitProblem>> {
  if (draft.wardId === null) return err({ kind: "WardMissing" });
  const incomplete = firstIncompletePage(survey, draft.answers);
  if (incomplete !== null) return err({ kind: "Incomplete", page: incomplete });

  const answers = survey.pages.flatMap((page) =>
    page.questions.filter((q) => isAsked(q, draft.answers)).flatMap((question) => {
      const given = draft.answers[question.key];
      const keys = given === undefined ? [] : Array.isArray(given) ? given : [given];
      return question.options.filter((o) => keys.includes(o.key)).map((o) => ({ question_id: question.id, response_option_id: o.id }));
    }),
  );
  const today = todayInUk(now);
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

  try {
    return await db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable("survey_draft")
        .set({ submitted_at: now, answers: "{}" })
        .where("token_hash", "=", draft.tokenHash)
        .where("submitted_at", "is", null)
        .where("expires_at", ">", now)
        .returning("token_hash")
        .executeTakeFirst();
      if (!spent) throw new Refused({ kind: "DraftGone" });
      if (survey.requiresAccessCode) {
        const code = draft.accessCodeId === null ? undefined : await trx
          .updateTable("access_code")
          .set({ used_at: now })
          .where("id", "=", draft.accessCodeId)
          .where("used_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!code) throw new Refused({ kind: "AccessCodeUsed" });
      }
      const period = { id: await reportingPeriodIdFor(trx, today) };
      const ward = await trx.selectFrom("ward").select(["gss_code", "name"]).where("id", "=", draft.wardId!).executeTakeFirstOrThrow();
      const response = await trx
        .insertInto("survey_response")
        .values({
          channel: draft.paper ? "paper" : "web",
          partner_source_id: draft.paper?.partnerSourceId ?? null,
          ward_id: draft.wardId!,
          reporting_period_id: period.id,
          survey_version_id: survey.versionId,
          submitted_hour: hour,
          language: draft.language,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (answers.length > 0) {
        await trx.insertInto("answer").values(answers.map((a) => ({ ...a, survey_response_id: response.id }))).execute();
      }
      return ok({ responseId: response.id, wardGssCode: ward.gss_code, wardName: ward.name });
    });
  } catch (error) {
    if (error instanceof Refused) return err(error.problem);
    throw error;
  }
}

/** A robot's submission: the draft is spent and emptied, and nothing is stored. */
export async function discardAsSpam(db: Kysely<Database>, draft: SurveyDraft, now: Date): Promise<void> {
  await db.updateTable("survey_draft").set({ submitted_at: now, answers: "{}", ward_id: null }).where("token_hash", "=", draft.tokenHash).execute();
}
