// Excel's grid (Microsoft, "Excel specifications and limits"): 1,048,576 rows by 16,384 columns (A to XFD).
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

const REFERENCE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/**
 * The column of an A1-style cell reference ("C5", "$C$5"), counted from 0, or null when it is
 * not one or lies outside Excel's grid. The row part is checked but not returned: a cell's row
 * is its <row> element's.
 */
export function columnIndexOf(reference: string): number | null {
  const match = REFERENCE.exec(reference);
  if (match === null) return null;
  const [, letters = "", digits = ""] = match;
  const row = Number(digits);
  if (row < 1 || row > MAX_ROWS) return null;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column <= MAX_COLUMNS ? column - 1 : null;
}

/** The letters of a column counted from 0: 0 is A, 25 is Z, 26 is AA, 16383 is XFD. */
export function columnLetters(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_COLUMNS) throw new RangeError(`columnLetters: ${index} is outside A to XFD`);
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
