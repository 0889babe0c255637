import { CsvUnreadable, type CsvSource } from "./read-csv-records";

export type Delimiter = "," | ";" | "\t";
/** The two encodings partner exports come in: UTF-8 (with or without a byte order mark) and Excel's Windows-1252. */
export type TextEncoding = "utf-8" | "windows-1252";
export type DelimitedOptions = { delimiter?: Delimiter; encoding?: TextEncoding };

// A record this long means a quote was left open; stop before it swallows the whole file.
const MAX_RECORD_CHARS = 1 << 16;
const QUOTE = 34;
const LF = 10;
const CR = 13;

// Where the reader is within a field; plain numbers, as enums are not erasable syntax.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // a quote inside a quoted value: the end of it, or the first of ""
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED;

/**
 * Splits delimited text (comma, semicolon or tab) into records as it arrives. RFC 4180 rules:
 * a field in double quotes may hold the delimiter, line breaks and "" for a quote. Lines end in
 * CRLF, LF or a lone CR (Excel for Mac's "CSV (Macintosh)"). Bytes are decoded as `encoding`;
 * a leading UTF-8 byte order mark is dropped. Memory stays bounded by the longest record.
 *
 * Stricter than readCsvRecords on purpose: a quote inside a value that does not start with one,
 * or text after a closing quote, is refused with its row and column rather than guessed at, and
 * so are NUL characters and, when reading bytes as UTF-8, bytes that are not UTF-8 (and a "\uFFFD"
 * already in the file, the mark of an earlier failed conversion). Every refusal is a
 * CsvUnreadable whose message says where; anything else thrown comes from the source itself.
 * Rows are counted as records (a value with a line break in it is still one row), as a
 * spreadsheet shows them. A blank line gives [""], as in readCsvRecords.
 */
export async function* readDelimitedRecords(source: CsvSource, options: DelimitedOptions = {}): AsyncGenerator<string[], void, undefined> {
  const delimiter = (options.delimiter ?? ",").charCodeAt(0);
  const encoding = options.encoding ?? "utf-8";
  const decoder = new TextDecoder(encoding);
  let fields: string[] = [];
  let fieldText = "";
  let recordLength = 0;
  let row = 1;
  let state: State = FIELD_START;
  let afterCr = false;
  let isFirstText = true;

  const refuse = (reason: string) => new CsvUnreadable(`row ${row}, column ${fields.length + 1} ${reason}`);
  // Where reading must stop: a NUL, or (decoding bytes as UTF-8) the "\uFFFD" the decoder puts
  // for bytes that are not UTF-8: a stray Windows-1252 byte is an error to report, not a "\uFFFD"
  // to import. Found before parsing and parsed up to, so the error names its row and column.
  const unreadableAt = (text: string, isDecoded: boolean): { at: number; reason: string } | null => {
    const nul = text.indexOf("\u0000");
    const bad = isDecoded && encoding === "utf-8" ? text.indexOf("\uFFFD") : -1;
    if (nul === -1 && bad === -1) return null;
    return nul !== -1 && (bad === -1 || nul < bad)
      ? { at: nul, reason: "has a NUL character, which a text file never has" }
      : { at: bad, reason: "has bytes that are not UTF-8, so part of the file is in another encoding" };
  };
  const endField = () => {
    recordLength += fieldText.length;
    fields.push(fieldText);
    fieldText = "";
    state = FIELD_START;
  };

  for await (const chunk of chunksOf(source)) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (isFirstText && text.length > 0) {
      isFirstText = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const unreadable = unreadableAt(text, typeof chunk !== "string");
    if (unreadable !== null) text = text.slice(0, unreadable.at);
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (afterCr) {
        afterCr = false;
        if (c === LF) { i += 1; continue; }
      }
      if (state === QUOTED) {
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? text.length : quote;
        fieldText += text.slice(i, end);
        if (quote !== -1) state = QUOTE_IN_QUOTED;
        i = end + 1;
      } else if (state === QUOTE_IN_QUOTED && c === QUOTE) {
        fieldText += '"';
        state = QUOTED;
        i += 1;
      } else if (c === delimiter) {
        endField();
        i += 1;
      } else if (c === LF || c === CR) {
        endField();
        yield fields;
        fields = [];
        recordLength = 0;
        row += 1;
        afterCr = c === CR;
        i += 1;
      } else if (state === QUOTE_IN_QUOTED) {
        throw refuse("has text after a closing quote; a value in quotes must end at the quote");
      } else if (c === QUOTE) {
        if (state === UNQUOTED) throw refuse("has a quote inside a value that does not start with a quote");
        state = QUOTED;
        i += 1;
      } else {
        let end = i + 1;
        while (end < text.length && !isSpecial(text.charCodeAt(end), delimiter)) end += 1;
        fieldText += text.slice(i, end);
        state = UNQUOTED;
        i = end;
      }
      if (recordLength + fieldText.length > MAX_RECORD_CHARS) {
        throw new CsvUnreadable(`row ${row} runs past 64,000 characters, which usually means a quote is not closed`);
      }
    }
    if (unreadable !== null) throw refuse(unreadable.reason);
  }
  // All the decoder can still hold is a UTF-8 character cut short at the very end: a "\uFFFD".
  const cutShort = unreadableAt(decoder.decode(), true);
  if (cutShort !== null) throw refuse(cutShort.reason);
  if (state === QUOTED) throw new CsvUnreadable(`row ${row} is still inside a quoted value when the file ends`);
  if (fields.length > 0 || fieldText !== "" || state !== FIELD_START) {
    endField();
    yield fields;
  }
}

function isSpecial(c: number, delimiter: number): boolean {
  return c === delimiter || c === LF || c === CR || c === QUOTE;
}

async function* chunksOf(source: CsvSource): AsyncGenerator<string | Uint8Array> {
  if (!("getReader" in source)) return yield* source;
  const reader = source.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
