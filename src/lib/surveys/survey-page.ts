import type { AstroGlobal } from "astro";
import type { Kysely } from "kysely";
import { getDb } from "~/lib/db/app-database";
import type { Database, Language } from "~/lib/db/schema";
import { readDraftCookie } from "./draft-cookie";
import type { ResidentSurvey } from "./resident-survey";
import type { SurveyDraft } from "./survey-drafts";
import { openJourney } from "./survey-journey";

export type SurveyPageContext = {
  db: Kysely<Database>;
  now: Date;
  slug: string;
  survey: ResidentSurvey;
  draft: SurveyDraft;
  language: Language;
};

/**
 * What every page inside a survey needs: the open survey and the resident's draft. Anything
 * else is answered here the same way on every page: an unknown survey is not found, a closed
 * one shows its start page (which says so), a sent draft goes to the confirmation, and a
 * missing or expired draft explains that the answers were deleted.
 */
export async function resolveSurveyPage(astro: AstroGlobal): Promise<SurveyPageContext | Response> {
  const db = await getDb();
  const now = new Date();
  const slug = astro.params.slug ?? "";
  const journey = await openJourney(db, { slug, draftToken: readDraftCookie(astro.cookies), lang: astro.url.searchParams.get("lang") }, now);
  switch (journey.kind) {
    case "unavailable":
      return astro.rewrite(journey.reason === "SurveyNotFound" ? "/404" : `/surveys/${slug}`);
    case "submitted":
      return astro.redirect(`/surveys/${slug}/done`, 303);
    case "no_draft":
      return astro.rewrite(`/surveys/${slug}/answers-deleted${journey.language === "cy" ? "?lang=cy" : ""}`);
    case "in_progress":
      return { db, now, slug, survey: journey.survey, draft: journey.draft, language: journey.language };
  }
}
