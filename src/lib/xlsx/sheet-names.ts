import { withoutForbiddenCharacters } from "./xml-text";

// Excel's rules for a sheet name (Microsoft, "Rename a worksheet"): 1 to 31 characters, none of
// [ ] : * ? / \, not starting or ending with an apostrophe, and no two alike ignoring case.
const MAX_LENGTH = 31;
const NOT_ALLOWED = /[[\]:*?/\\\u0000-\u001F]/g;

/**
 * Names Excel will accept, one per sheet, in order: characters Excel does not allow become "-",
 * long names are cut to 31 characters (never through an emoji), a blank name becomes "Sheet1" (by
 * position), and a repeated name gets " (2)", " (3)" ... so that every name is different.
 */
export function toSheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name, index) => {
    const cleaned = withoutForbiddenCharacters(name).replace(NOT_ALLOWED, "-").trim().replace(/^'+|'+$/g, "");
    const base = cleaned === "" ? `Sheet${index + 1}` : cleaned;
    let unique = cut(base, MAX_LENGTH);
    for (let copy = 2; taken.has(unique.toLowerCase()); copy += 1) unique = `${cut(base, MAX_LENGTH - ` (${copy})`.length)} (${copy})`;
    taken.add(unique.toLowerCase());
    return unique;
  });
}

// Excel counts UTF-16 code units; cutting between the two halves of a pair would leave half an emoji.
function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  const isSplittingPair = /[\uD800-\uDBFF]/.test(text.charAt(length - 1));
  return text.slice(0, isSplittingPair ? length - 1 : length).replace(/'+$/, "").trimEnd();
}
