import { z } from "zod";
import type { Language } from "~/lib/db/schema";
import { toFormErrors, type FormErrors } from "~/lib/forms/form-errors";
import { t } from "~/lib/i18n/strings";
import { err, ok, type Result } from "~/lib/result";
import type { ResidentSurvey, SurveyPage, SurveyQuestion } from "./resident-survey";
import { textIn } from "./resident-survey";
import type { Answers } from "./survey-drafts";

/** Whether a question is asked, given the answers so far (car crime only of car owners). */
export const isAsked = (question: SurveyQuestion, answers: Answers) =>
  question.askedIf === null || answers[question.askedIf.questionKey] === question.askedIf.optionKey;

export const askedQuestions = (page: SurveyPage, answers: Answers) => page.questions.filter((q) => isAsked(q, answers));

/** The next page with a question to ask after `from` (0 for the first), or null for none. */
export function nextPage(survey: ResidentSurvey, from: number, answers: Answers): number | null {
  return survey.pages.find((p) => p.number > from && askedQuestions(p, answers).length > 0)?.number ?? null;
}

export function previousPage(survey: ResidentSurvey, from: number, answers: Answers): number | null {
  return [...survey.pages].reverse().find((p) => p.number < from && askedQuestions(p, answers).length > 0)?.number ?? null;
}

/** The first page with a required question still unanswered, or null when the survey is complete. */
export function firstIncompletePage(survey: ResidentSurvey, answers: Answers): number | null {
  const incomplete = survey.pages.find((page) =>
    askedQuestions(page, answers).some((q) => q.isRequired && (answers[q.key] === undefined || answers[q.key]!.length === 0)),
  );
  return incomplete?.number ?? null;
}

/**
 * Checks one page's answers. Each answer must be one of the question's own options, so a
 * tampered field is refused like a missing one; the message names the question.
 */
export function readPageAnswers(page: SurveyPage, values: Record<string, unknown>, answers: Answers, language: Language): Result<Answers, FormErrors> {
  const asked = askedQuestions(page, answers);
  const shape: Record<string, z.ZodType> = {};
  for (const question of asked) {
    const keys = question.options.map((o) => o.key) as [string, ...string[]];
    const text = textIn(language, question.text, question.textCy);
    if (question.answerType === "single") {
      const choice = z.enum(keys, { error: t(language, question.isRequired ? "selectAnswer" : "selectOneAnswer", { question: text }) });
      shape[question.key] = question.isRequired ? choice : choice.optional();
    } else {
      const list = z.array(z.enum(keys, { error: t(language, "selectAnswer", { question: text }) }));
      const fromForm = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(list);
      shape[question.key] = question.isRequired ? fromForm.refine((v) => v.length > 0, { error: t(language, "selectAnswer", { question: text }) }) : fromForm.optional();
    }
  }
  const parsed = z.object(shape).safeParse(values);
  if (!parsed.success) return err(toFormErrors(parsed.error, asked.map((q) => q.key)));
  const merged: Answers = { ...answers };
  for (const question of page.questions) delete merged[question.key];
  for (const [key, value] of Object.entries(parsed.data as Record<string, string | string[] | undefined>)) {
    if (value !== undefined) merged[key] = value;
  }
  // Answers to questions no longer asked (car crime, after "no car") stay in the draft, so
  // changing one's mind back loses nothing; submitting keeps only the questions asked.
  return ok(merged);
}

/**
 * Questions on one page that share a stem ("How worried are you about…") show it once as the
 * page's lead, with the rest of each question as its legend.
 */
export function splitSharedStem(texts: string[]): { stem: string | null; rest: string[] } {
  if (texts.length < 2) return { stem: null, rest: texts };
  let prefix = texts[0]!;
  for (const text of texts.slice(1)) while (!text.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf(" ");
  if (cut < 20) return { stem: null, rest: texts };
  const stem = prefix.slice(0, cut);
  return { stem: `${stem}…`, rest: texts.map((text) => capitalise(text.slice(cut + 1))) };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
