// Built-in number formats that show a date or time (ECMA-376 Part 1, 18.8.30 numFmt): 14-17 dates,
// 18-21 times, 22 date and time, 45-47 minutes and seconds. The East Asian built-ins (27-36,
// 50-58) are locale-dependent and not listed by the standard; a workbook from those locales
// would show their serials as numbers.
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

// Parts of a format code that are not date or time tokens: "quoted text", [colour, condition or
// locale], \x and !x (one literal character), _x (space the width of x), *x (repeat x to fill).
const NOT_TOKENS = /"[^"]*"|\[[^\]]*\]|[\\!_*]./g;
const DATE_TOKEN = /[dmyhs]/i;
// [h], [mm], [ss]: elapsed time, a duration rather than a point in time.
const ELAPSED_TIME = /\[(h+|m+|s+)\]/i;

/**
 * Whether a cell style's number format shows a date or time, so that its number is a date-time
 * serial: a built-in date format, or a custom format code with d, m, y, h or s outside quotes,
 * brackets and escapes. `formatCode` is the workbook's own code for the id, if it has one.
 */
export function isDateFormat(numFmtId: number, formatCode: string | undefined): boolean {
  if (formatCode === undefined) return BUILT_IN_DATE_FORMATS.has(numFmtId);
  if (ELAPSED_TIME.test(formatCode)) return false;
  return DATE_TOKEN.test(formatCode.replace(NOT_TOKENS, ""));
}
