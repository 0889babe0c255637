/**
 * An answer label or question wording reduced to what a person would read as the same words:
 * lower case; curly quotes, dashes and non-breaking spaces made plain (NFKC); apostrophes dropped
 * ("Don’t know", "Don't know" and "Dont know" all give "dont know"); "&" read as "and"; a range
 * of numbers written "16-24" read as "16 to 24"; every other punctuation mark (trailing full
 * stops, slashes, commas, brackets, hyphens) turned into a space; spaces collapsed and trimmed.
 * "+" is kept, so that "75+" stays distinct from "75". Letters with accents are kept as they are.
 *
 * Two labels with the same normalised text are the same label for the question bank's purposes
 * (an "exact" match); anything looser is a variant that needs listing in suggest-option.ts.
 */
export function normaliseLabel(label: string): string {
  return label
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`']/g, "")
    .replace(/&/g, " and ")
    .replace(/(\d)\s*[-\u2010-\u2015\u2212]\s*(\d)/g, "$1 to $2")
    .replace(/[^\p{L}\p{M}\p{N}+]+/gu, " ")
    .trim();
}
