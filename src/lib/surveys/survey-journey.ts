import type { Kysely } from "kysely";
import type { Database, Language } from "~/lib/db/schema";
import { parseLanguage } from "~/lib/i18n/strings";
import { findSurveyForResident, type ResidentSurvey, type SurveyUnavailable } from "./resident-survey";
import { findDraft, setDraftLanguage, type SurveyDraft } from "./survey-drafts";

export type Journey =
  | { kind: "unavailable"; reason: SurveyUnavailable; language: Language }
  | { kind: "no_draft"; survey: ResidentSurvey; language: Language }
  | { kind: "in_progress"; survey: ResidentSurvey; draft: SurveyDraft; language: Language }
  | { kind: "submitted"; survey: ResidentSurvey; draft: SurveyDraft; language: Language };

/**
 * Where a resident is in a survey: the open survey, their draft (if the cookie still points at
 * one), and the language to show, which follows `?lang=` and is remembered in the draft.
 */
export async function openJourney(
  db: Kysely<Database>,
  request: { slug: string; draftToken: string | undefined; lang: string | null },
  now: Date,
): Promise<Journey> {
  const requested = parseLanguage(request.lang);
  const found = await findSurveyForResident(db, request.slug, now);
  if (!found.ok) return { kind: "unavailable", reason: found.error, language: requested ?? "en" };
  const draft = await findDraft(db, request.draftToken, found.value.versionId, now);
  if (!draft) return { kind: "no_draft", survey: found.value, language: requested ?? "en" };
  if (requested && requested !== draft.language) {
    await setDraftLanguage(db, draft, requested);
    draft.language = requested;
  }
  return { kind: draft.submittedAt ? "submitted" : "in_progress", survey: found.value, draft, language: draft.language };
}

/** The same address in each language, for the language switch. */
export function languageLinks(url: URL): Record<Language, string> {
  const link = (language: Language) => {
    const params = new URLSearchParams(url.search);
    params.set("lang", language);
    return `${url.pathname}?${params}`;
  };
  return { en: link("en"), cy: link("cy") };
}
