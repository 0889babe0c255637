export type CsvSource = AsyncIterable<string | Uint8Array> | ReadableStream<Uint8Array>;

/** The text is not CSV this reader can follow; the message says where it went wrong. */
export class CsvUnreadable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "CsvUnreadable";
  }
}

// A record this long means a quote was left open; stop before it swallows the whole file.
const MAX_RECORD_CHARS = 1 << 16;
const SPECIAL = new Set([10, 13, 34, 44]); // LF, CR, quote, comma

/**
 * Splits CSV text into records as it arrives (RFC 4180: quoted fields with "" for a quote and
 * commas or line breaks inside, CRLF or LF line ends). A leading byte order mark is dropped by
 * TextDecoder. Memory stays bounded by the longest record, whatever the size of the file.
 */
export async function* readCsvRecords(source: CsvSource): AsyncGenerator<string[], void, undefined> {
  const decoder = new TextDecoder("utf-8");
  let fields: string[] = [];
  let fieldText = "";
  let recordLength = 0;
  let inQuotes = false;
  let quoteEndedChunk = false;
  for await (const chunk of chunksOf(source)) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let i = 0;
    if (quoteEndedChunk) {
      quoteEndedChunk = false;
      if (text[0] === '"') { fieldText += '"'; i = 1; } else inQuotes = false;
    }
    while (i < text.length) {
      if (inQuotes) {
        const quote = text.indexOf('"', i);
        if (quote === -1) { fieldText += text.slice(i); break; }
        fieldText += text.slice(i, quote);
        if (quote + 1 === text.length) { quoteEndedChunk = true; break; }
        if (text[quote + 1] === '"') { fieldText += '"'; i = quote + 2; } else { inQuotes = false; i = quote + 1; }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 44) { recordLength += fieldText.length; fields.push(fieldText); fieldText = ""; i += 1; }
      else if (c === 10) { fields.push(fieldText); yield fields; fields = []; fieldText = ""; recordLength = 0; i += 1; }
      else if (c === 13) i += 1;
      else if (c === 34) { inQuotes = true; i += 1; }
      else {
        let end = i + 1;
        while (end < text.length && !SPECIAL.has(text.charCodeAt(end))) end += 1;
        fieldText += text.slice(i, end);
        i = end;
      }
    }
    if (recordLength + fieldText.length > MAX_RECORD_CHARS) {
      throw new CsvUnreadable("a row runs past 64,000 characters, which usually means a quote is not closed");
    }
  }
  fieldText += decoder.decode();
  if (inQuotes && !quoteEndedChunk) throw new CsvUnreadable("it ends inside a quoted value");
  if (fields.length > 0 || fieldText !== "") { fields.push(fieldText); yield fields; }
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
