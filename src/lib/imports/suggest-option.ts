import type { BankQuestion } from "~/lib/surveys/question-bank";
import { normaliseLabel } from "./normalise-label";

/** "exact": the same words as the bank's label once normalised; "variant": a known other wording. */
export type OptionConfidence = "exact" | "variant";
export type OptionSuggestion =
  | { label: string; optionKey: string; confidence: OptionConfidence }
  | { label: string; optionKey: null; confidence: null };

// Other wordings of the bank's options seen in partner surveys, by option key. Each is the same
// point of the same scale in other words. Deliberately absent: "Agree" and "Disagree" for "Tend
// to agree" and "Tend to disagree" (on a five-point scale from "Strongly agree" "Agree" sits in
// the same place but is not the same words, and people answer the two differently: the officer
// decides, and the question is at best "equivalent"); "Fairly unsafe" for "A bit unsafe"; "Very
// good" for anything on the police rating, whose scale has "Excellent" above "Good".
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  dont_know: ["DK", "Do not know", "Not sure", "Unsure", "Don't know / not sure", "Don't know / can't say", "Can't say"],
  prefer_not_to_say: ["Prefer not to answer", "Rather not say", "I'd rather not say", "Would rather not say"],
  never_walk_alone: ["Never walk alone after dark", "I never walk alone in this area after dark", "Never walk alone in this area after dark", "I never walk alone"],
  very_big_problem: ["Very big"],
  fairly_big_problem: ["Fairly big"],
  not_a_very_big_problem: ["Not very big problem", "Not a very big", "Not very big"],
  not_a_problem_at_all: ["Not a problem", "Not at all a problem", "No problem at all"],
  not_at_all_worried: ["Not worried at all"],
  a_lot_more: ["A lot more crime"],
  a_little_more: ["A little more crime"],
  about_the_same: ["The same", "Stayed the same", "Stayed about the same", "About the same amount of crime"],
  a_little_less: ["A little less crime"],
  a_lot_less: ["A lot less crime"],
  yes: ["Y"],
  no: ["N"],
  age_75_plus: ["75+", "75 and over", "75 plus", "75 or older"],
};

const NORMALISED_VARIANTS = new Map(Object.entries(VARIANTS).map(([key, labels]) => [key, new Set(labels.map(normaliseLabel))]));

/**
 * For each distinct answer label found in a column (blank ones left out: a blank is a skipped
 * question, not an answer), the option of `question` it most likely means, or null. A
 * suggestion for the officer to confirm, never applied unseen.
 *
 * A variant is withdrawn when another label of the same column claims the same option: if a
 * partner offered both "Don't know" and "Not sure", they are two answers, and only the officer
 * can say what the second one counts as. Exact matches are never withdrawn.
 */
export function suggestOptions(labels: readonly string[], question: BankQuestion): OptionSuggestion[] {
  const distinct = [...new Set(labels)].filter((label) => normaliseLabel(label) !== "");
  const suggestions = distinct.map((label) => suggestOption(label, question));
  return suggestions.map((suggestion) => {
    if (suggestion.confidence !== "variant") return suggestion;
    const own = normaliseLabel(suggestion.label);
    const isClaimedTwice = suggestions.some(
      (other) => other.optionKey === suggestion.optionKey && normaliseLabel(other.label) !== own,
    );
    return isClaimedTwice ? { label: suggestion.label, optionKey: null, confidence: null } : suggestion;
  });
}

function suggestOption(label: string, question: BankQuestion): OptionSuggestion {
  const normalised = normaliseLabel(label);
  const exact = question.options.find((option) => normaliseLabel(option.label) === normalised);
  if (exact !== undefined) return { label, optionKey: exact.key, confidence: "exact" };
  const variant = question.options.find((option) => NORMALISED_VARIANTS.get(option.key)?.has(normalised) === true);
  if (variant !== undefined) return { label, optionKey: variant.key, confidence: "variant" };
  return { label, optionKey: null, confidence: null };
}
