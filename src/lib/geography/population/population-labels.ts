import { STANDARD_QUESTIONS } from "~/lib/surveys/question-bank";

export type AgeBand = { key: string; label: string; from: number; to: number | null };
export type Sex = { key: string; label: string };

// Population counts are kept by the option keys of the bank's "about you" questions, so that a
// respondent's answer and the margin it is weighted to can never disagree. Read from the bank
// itself: a band added there is accepted here without another list to keep in step.
const aboutYou = (key: string) =>
  (STANDARD_QUESTIONS.find((q) => q.key === key)?.options ?? []).filter((o) => !o.isPreferNotToSay && !o.isDontKnow);

export const AGE_BANDS: readonly AgeBand[] = aboutYou("age_band").map((option) => {
  const match = /^age_(\d+)_(\d+|plus)$/.exec(option.key);
  if (!match) throw new Error(`The question bank's age band ${option.key} is not named age_FROM_TO or age_FROM_plus`);
  return { key: option.key, label: option.label, from: Number(match[1]), to: match[2] === "plus" ? null : Number(match[2]) };
});

export const SEXES: readonly Sex[] = aboutYou("sex").map((option) => ({ key: option.key, label: option.label }));

// What ONS tables and hand-made spreadsheets write for the same band: "16-24", "16 to 24",
// "Aged 16 to 24", "16–24 years", "75+", "75 and over", "Aged 75 years and over".
const RANGE = /^(\d+)\s*(?:-|to|_)\s*(\d+)$/;
const OPEN_ENDED = /^(\d+)\s*(?:\+|plus|or over|and over|or older|and older)$/;

/** The bank's key for an age band written as its key or as a label people use; null when it is none. */
export function ageBandKey(input: string): string | null {
  const text = input.trim().toLowerCase();
  const byKey = AGE_BANDS.find((band) => band.key === text);
  if (byKey) return byKey.key;
  const words = text
    .replace(/[\u2010-\u2015]/g, "-") // dashes a spreadsheet's autocorrect puts in "16–24"
    .replace(/\b(?:aged|ages|age|years|year|yrs)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const range = RANGE.exec(words);
  if (range) return AGE_BANDS.find((band) => band.from === Number(range[1]) && band.to === Number(range[2]))?.key ?? null;
  const open = OPEN_ENDED.exec(words);
  if (open) return AGE_BANDS.find((band) => band.from === Number(open[1]) && band.to === null)?.key ?? null;
  return null;
}

/** The bank's key for a sex written as its key, its label, plural or initial (F, M); null otherwise. */
export function sexKey(input: string): string | null {
  const text = input.trim().toLowerCase();
  const found = SEXES.find((sex) => [sex.key, sex.label.toLowerCase(), `${sex.label.toLowerCase()}s`, sex.label[0]!.toLowerCase()].includes(text));
  return found?.key ?? null;
}

/** "Persons", "All ages": a total row, which the file must leave out (the bands add up to it). */
export const isTotalLabel = (input: string) => /^(?:all(?: ages| persons| people)?|persons|people|total|all ages 16\+?|16\s*\+)$/i.test(input.trim());

export const ageBandLabel = (key: string) => AGE_BANDS.find((band) => band.key === key)?.label ?? key;
export const sexLabel = (key: string) => SEXES.find((sex) => sex.key === key)?.label ?? key;
