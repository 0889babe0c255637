/**
 * Cells and lines for every CSV the product writes (exports, access codes for a mail merge).
 *
 * Formula injection: a spreadsheet opening the file treats a cell that starts with = + - @ (or a
 * tab or carriage return, which some spreadsheets skip before looking) as a formula. Such text
 * cells get a leading apostrophe, which spreadsheets show as text and do not evaluate (OWASP,
 * "CSV Injection"). Numbers are written as they are: they cannot be formulas, and "-3" must stay
 * a number.
 *
 * Quoting follows RFC 4180: a cell with a comma, a double quote or a line break is wrapped in
 * double quotes, with each double quote doubled. Lines end CRLF (RFC 4180, and what Excel writes).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const CSV_LINE_END = "\r\n";

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`csvCell: ${value} is not a finite number`);
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, without its line end: join lines with CSV_LINE_END. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",");
}
