import type { Delimiter, TextEncoding } from "~/lib/csv/read-delimited-records";
import { err, ok, type Result } from "~/lib/result";

/** How to read a partner's text export: pass encoding and delimiter to readDelimitedRecords. */
export type ExportFormat = { encoding: TextEncoding; hasByteOrderMark: boolean; delimiter: Delimiter };
export type DecodedExport = ExportFormat & { text: string };

export type ExportRefusal =
  | { code: "EmptyFile"; message: string }
  /** A ZIP holding xl/ parts: route it to the XLSX reader instead. */
  | { code: "Xlsx"; message: string }
  | { code: "NotCsvOrXlsx"; message: string }
  /** Marked as UTF-8 by a byte order mark, yet not UTF-8 throughout. */
  | { code: "NotUtf8"; message: string };

/** Bytes from the start of a file that sniffExport needs: enough for the header rows and some data rows. */
export const SNIFF_BYTES = 64 * 1024;

const NOT_CSV_OR_XLSX = "It must be a CSV file or an Excel workbook (.xlsx)";

// File signatures ("magic numbers"): ZIP (APPNOTE.TXT 4.3.7: local file header, plus the
// end-of-archive record an empty ZIP starts with), PDF (ISO 32000 7.5.2 "%PDF-"), OLE2
// compound files (Excel 97-2003 .xls, Word .doc), UTF-16 byte order marks (Unicode 15, 23.8).
const ZIP = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0x50, 0x4b, 0x07, 0x08]];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF16 = [[0xff, 0xfe], [0xfe, 0xff]];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decides how to read a partner's export from its first bytes (SNIFF_BYTES of them, or the
 * whole file when `isWholeFile`): the encoding, and the delimiter. Refuses what is not text:
 * an empty file, an XLSX (whatever its name), a PDF, an Office 97-2003 file, UTF-16 text, a
 * ZIP archive, or anything with NUL bytes. Every refusal's message is for the officer.
 *
 * Encoding: bytes that are valid UTF-8 are read as UTF-8 (plain ASCII included), and anything
 * else as Windows-1252, the ANSI code page that Excel's "CSV (Comma delimited)" uses on a UK
 * Windows machine; a UTF-8 byte order mark on bytes that are not UTF-8 is refused (NotUtf8). Only
 * the sniffed bytes are checked: readDelimitedRecords refuses a later byte that is not UTF-8,
 * with its row and column.
 *
 * Delimiter: comma, semicolon or tab, whichever splits the first lines (outside quotes) into the
 * same number of fields as the header, the most fields winning a tie. A file with none of
 * them is one column, read as comma-delimited.
 */
export function sniffExport(head: Uint8Array, isWholeFile: boolean): Result<ExportFormat, ExportRefusal> {
  const refusal = refuseNonText(head);
  if (refusal !== null) return err(refusal);
  const hasByteOrderMark = startsWith(head, UTF8_BOM);
  const isValidUtf8 = isUtf8(head, isWholeFile);
  if (hasByteOrderMark && !isValidUtf8) {
    return err({ code: "NotUtf8", message: "The selected file says it is UTF-8 but has characters in another encoding. Save it again as CSV UTF-8 and upload that" });
  }
  const encoding: TextEncoding = isValidUtf8 ? "utf-8" : "windows-1252";
  const text = new TextDecoder(encoding).decode(head, { stream: !isWholeFile });
  if (text.trim() === "") {
    if (isWholeFile) return err({ code: "EmptyFile", message: "The selected file is empty" });
    return err({ code: "NotCsvOrXlsx", message: `The selected file starts with a long stretch of blank space. ${NOT_CSV_OR_XLSX}` });
  }
  return ok({ encoding, hasByteOrderMark, delimiter: sniffDelimiter(text, isWholeFile) });
}

/** A whole (small) export as text, with how it was read; see sniffExport. */
export function decodeExport(bytes: Uint8Array): Result<DecodedExport, ExportRefusal> {
  const format = sniffExport(bytes, true);
  if (!format.ok) return format;
  // TextDecoder drops a UTF-8 byte order mark by default.
  return ok({ ...format.value, text: new TextDecoder(format.value.encoding).decode(bytes) });
}

function refuseNonText(head: Uint8Array): ExportRefusal | null {
  if (head.length === 0 || (head.length === UTF8_BOM.length && startsWith(head, UTF8_BOM))) {
    return { code: "EmptyFile", message: "The selected file is empty" };
  }
  if (ZIP.some((signature) => startsWith(head, signature))) return refuseZip(head);
  const notText = (what: string, fix = NOT_CSV_OR_XLSX): ExportRefusal => ({ code: "NotCsvOrXlsx", message: `The selected file is ${what}. ${fix}` });
  if (startsWith(head, PDF)) return notText("a PDF");
  if (startsWith(head, OLE2)) return notText("an Office 97-2003 file, such as an Excel .xls workbook", "Save it as CSV UTF-8 or as an Excel workbook (.xlsx) and upload that");
  if (UTF16.some((signature) => startsWith(head, signature))) {
    return notText("Unicode text (UTF-16)", "Save it as CSV UTF-8 (comma delimited) and upload that");
  }
  if (head.includes(0)) return notText("not text: it has NUL bytes, which a CSV never has");
  return null;
}

// Part names sit uncompressed in each local file header (APPNOTE.TXT 4.3.7), and Excel writes
// the small parts ([Content_Types].xml, _rels/.rels, xl/workbook.xml) first, so an XLSX names
// an xl/ part within its first kilobytes. OpenDocument stores its mimetype first, uncompressed.
function refuseZip(head: Uint8Array): ExportRefusal {
  const names = new TextDecoder("latin1").decode(head);
  if (names.includes("xl/")) {
    return { code: "Xlsx", message: "The selected file is an Excel workbook (.xlsx), whatever its name, so it needs the XLSX reader" };
  }
  const what = names.includes("opendocument.spreadsheet")
    ? "an OpenDocument spreadsheet (.ods)"
    : names.includes("word/") ? "a Word document" : "a ZIP archive";
  return { code: "NotCsvOrXlsx", message: `The selected file is ${what}. ${NOT_CSV_OR_XLSX}` };
}

function isUtf8(head: Uint8Array, isWholeFile: boolean): boolean {
  try {
    // stream: a character cut in two at the end of the sniffed bytes is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !isWholeFile });
    return true;
  } catch {
    return false;
  }
}

const CANDIDATES: readonly Delimiter[] = [",", ";", "\t"];
const SNIFF_RECORDS = 20;

function sniffDelimiter(text: string, isWholeText: boolean): Delimiter {
  const counts = countOutsideQuotes(text, isWholeText);
  const header = counts[0];
  if (header === undefined) return ",";
  let best: { delimiter: Delimiter; agreeing: number; fields: number } = { delimiter: ",", agreeing: -1, fields: 0 };
  CANDIDATES.forEach((delimiter, d) => {
    const fields = header[d] ?? 0;
    if (fields === 0) return;
    const agreeing = counts.filter((record) => record[d] === fields).length;
    if (agreeing > best.agreeing || (agreeing === best.agreeing && fields > best.fields)) best = { delimiter, agreeing, fields };
  });
  return best.delimiter;
}

/** Per non-blank record (up to SNIFF_RECORDS), how many of each candidate lie outside quotes. */
function countOutsideQuotes(text: string, isWholeText: boolean): number[][] {
  const records: number[][] = [];
  let current = CANDIDATES.map(() => 0);
  let hasText = false;
  let inQuotes = false;
  for (let i = 0; i < text.length && records.length < SNIFF_RECORDS; i += 1) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes; // "" toggles twice, so it leaves the state as it was
    else if (!inQuotes && (c === "\n" || c === "\r")) {
      if (hasText) records.push(current);
      current = CANDIDATES.map(() => 0);
      hasText = false;
    } else {
      hasText ||= c !== " " && c !== "\t";
      const d = inQuotes || c === undefined ? -1 : CANDIDATES.indexOf(c as Delimiter);
      if (d !== -1) current[d] = (current[d] ?? 0) + 1;
    }
  }
  // The last line of a sniffed head may be cut short; the last line of a whole file is complete.
  if (isWholeText && hasText && records.length < SNIFF_RECORDS) records.push(current);
  return records;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}
