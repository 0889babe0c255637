import { STANDARD_QUESTIONS, type BankQuestion } from "~/lib/surveys/question-bank";
import { normaliseLabel } from "./normalise-label";
import { suggestOptions } from "./suggest-option";

/**
 * The comparability grade suggested for a partner's question (shared/DOMAIN.md): "same" for the
 * bank's wording and scale, "equivalent" for other wording with the same scale meaning. "Not
 * comparable" is never suggested: where neither fits the suggestion is null and the officer decides.
 */
export type SuggestedGrade = "same" | "equivalent";
export type QuestionSuggestion = { questionKey: string; similarity: number; grade: SuggestedGrade | null };

// Below this Dice coefficient a title shares too few words with any bank question to suggest it.
const MIN_SIMILARITY = 0.6;
// "Equivalent" needs the wording close as well as every answer label on the bank's scale. Close
// means more than one word in five the same: "How safe do you feel walking alone in this area
// during the day?" scores 0.71 against the after-dark question and must not be called equivalent.
const EQUIVALENT_SIMILARITY = 0.8;
// Two bank questions this close to the title ("...your car stolen" and "...stolen from your car")
// mean the words cannot tell them apart: no suggestion rather than a coin toss.
const AMBIGUITY_MARGIN = 0.1;

// Words that every survey question shares; left out so that they do not make unrelated questions look alike.
const STOP_WORDS = new Set([
  "a", "an", "the", "of", "in", "on", "to", "for", "at", "by", "with", "and", "or", "are", "is", "be", "been",
  "you", "your", "do", "does", "did", "how", "what", "which", "this", "that", "these", "those", "about", "it",
  "i", "my", "me", "we", "our", "there", "into", "following",
]);

/**
 * The bank question a partner's column most likely asks, by word overlap of its title with the
 * bank's wording (the Dice coefficient on sets of words, stop words left out; a leading "Q3." is
 * ignored), or null when nothing is close enough or two bank questions are equally close.
 *
 * The grade is "same" only when the wording is the bank's word for word (once normalised) and
 * every answer label is exactly one of the bank's; "equivalent" when the wording is close and
 * every answer label maps (exactly or as a known variant); otherwise null. With no answer labels
 * the scale cannot be checked, so the grade is null.
 */
export function suggestQuestion(
  title: string,
  answerLabels: readonly string[],
  bank: readonly BankQuestion[] = STANDARD_QUESTIONS,
): QuestionSuggestion | null {
  const wording = normaliseLabel(withoutNumbering(title));
  const words = contentWords(wording);
  const ranked = bank
    // Rounded to two places so that the thresholds below compare as written (0.6 - 0.5 is not 0.1 in floating point).
    .map((question) => ({ question, isSameWording: normaliseLabel(question.text) === wording, similarity: round2(dice(words, contentWords(normaliseLabel(question.text)))) }))
    .sort((a, b) => Number(b.isSameWording) - Number(a.isSameWording) || b.similarity - a.similarity);
  const [best, runnerUp] = ranked;
  if (best === undefined) return null;
  if (!best.isSameWording) {
    if (best.similarity < MIN_SIMILARITY) return null;
    if (runnerUp !== undefined && round2(best.similarity - runnerUp.similarity) < AMBIGUITY_MARGIN) return null;
  }
  const options = suggestOptions(answerLabels, best.question);
  const allMap = options.length > 0 && options.every((option) => option.optionKey !== null);
  const allExact = allMap && options.every((option) => option.confidence === "exact");
  const grade: SuggestedGrade | null = best.isSameWording && allExact
    ? "same"
    : allMap && (best.isSameWording || best.similarity >= EQUIVALENT_SIMILARITY) ? "equivalent" : null;
  return { questionKey: best.question.key, similarity: best.isSameWording ? 1 : best.similarity, grade };
}

// "Q3. How safe...", "3) How safe...", "Question 3 - How safe...": the numbering is the partner's own.
function withoutNumbering(title: string): string {
  return title.replace(/^\s*(q(uestion)?\s*)?\d+[a-z]?\s*[.):-]?\s+/i, "");
}

function contentWords(normalised: string): Set<string> {
  return new Set(normalised.split(" ").filter((word) => word !== "" && !STOP_WORDS.has(word)));
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
