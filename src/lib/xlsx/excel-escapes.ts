/**
 * Excel's escape for characters in cell text (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): "_x000D_"
 * stands for a carriage return, "_x0009_" for a tab, and so on, and Excel writes text with
 * control characters that way in its shared strings. So text that really contains "_x0041_"
 * must have its underscore written as "_x005F_", or Excel shows "A".
 */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
const LOOKS_LIKE_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/** Cell text as Excel means it: every _xHHHH_ replaced by its character. */
export function unescapeExcelText(text: string): string {
  return text.includes("_x") ? text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Cell text Excel will read back as itself: the underscore of anything like _xHHHH_ escaped. */
export function escapeExcelText(text: string): string {
  return text.includes("_x") ? text.replace(LOOKS_LIKE_ESCAPE, "_x005F_") : text;
}
