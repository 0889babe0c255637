import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvUnreadable } from "~/lib/csv/read-csv-records";
import { readDelimitedRecords, type Delimiter, type DelimitedOptions } from "~/lib/csv/read-delimited-records";
import { decodeExport, sniffExport } from "~/lib/imports/decode-export";

// Inputs stay small (at most a few thousand bytes) so that 200 runs take well under a second;
// what matters is the mix: quotes, delimiters, line ends, NUL, bytes that are not UTF-8.
const NASTY_BYTES = [0x22, 0x2c, 0x3b, 0x09, 0x0d, 0x0a, 0x00, 0x20, 0x61, 0xa3, 0xe9, 0x80, 0xc3, 0xe2, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x50, 0x4b];
const bytesArbitrary = fc
  .array(fc.oneof(fc.constantFrom(...NASTY_BYTES), fc.integer({ min: 0, max: 255 })), { maxLength: 2000 })
  .map((values) => Uint8Array.from(values));
const cutsArbitrary = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 40 });
const delimiterArbitrary = fc.constantFrom<Delimiter>(",", ";", "\t");

function chunked(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (at >= bytes.length) break;
    parts.push(bytes.subarray(at, at + cut));
    at += cut;
  }
  if (at < bytes.length) parts.push(bytes.subarray(at));
  return parts;
}

async function* source<T>(parts: readonly T[]): AsyncGenerator<T> {
  yield* parts;
}

/** Reads everything, returning the records or the CsvUnreadable; anything else thrown fails the property. */
async function readOrRefuse(parts: readonly (string | Uint8Array)[], options: DelimitedOptions): Promise<string[][] | CsvUnreadable> {
  const records: string[][] = [];
  try {
    for await (const record of readDelimitedRecords(source(parts), options)) records.push(record);
    return records;
  } catch (error) {
    if (error instanceof CsvUnreadable) return error;
    throw error;
  }
}

describe("reading partner exports, whatever the bytes", () => {
  it("sniffs and decodes any bytes without throwing", () => {
    fc.assert(
      fc.property(bytesArbitrary, fc.boolean(), (bytes, isWholeFile) => {
        const sniffed = sniffExport(bytes, isWholeFile);
        const decoded = decodeExport(bytes);
        expect(typeof sniffed.ok).toBe("boolean");
        expect(typeof decoded.ok).toBe("boolean");
      }),
      { numRuns: 200 },
    );
  });

  it("reads any bytes, in any chunks, to records or a CsvUnreadable, and nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(bytesArbitrary, cutsArbitrary, delimiterArbitrary, fc.constantFrom("utf-8", "windows-1252" as const), async (bytes, cuts, delimiter, encoding) => {
        const result = await readOrRefuse(chunked(bytes, cuts), { delimiter, encoding });
        // Every record ends at a line end or at the end of the input, so there are never more records than bytes, plus one.
        if (!(result instanceof CsvUnreadable)) expect(result.length).toBeLessThanOrEqual(bytes.length + 1);
      }),
      { numRuns: 200 },
    );
  });

  it("reads what sniffExport decided, for any bytes it accepts, to records or a CsvUnreadable", async () => {
    await fc.assert(
      fc.asyncProperty(bytesArbitrary, cutsArbitrary, async (bytes, cuts) => {
        const format = sniffExport(bytes, true);
        if (!format.ok) return;
        const result = await readOrRefuse(chunked(bytes, cuts), format.value);
        expect(Array.isArray(result) || result instanceof CsvUnreadable).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  // Values made of the characters that break readers: quotes, every delimiter, CR, LF, spaces, non-ASCII.
  const valueArbitrary = fc
    .array(fc.oneof(fc.constantFrom('"', ",", ";", "\t", "\r", "\n", " ", "a", "é", "£", "€", "’", "😀"), fc.string({ maxLength: 3 })), { maxLength: 6 })
    .map((pieces) => pieces.join(""));
  const recordsArbitrary = fc.array(fc.array(valueArbitrary, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });

  it("gives back exactly the records written, in RFC 4180 quoting, whatever the delimiter, line end or chunks", async () => {
    await fc.assert(
      fc.asyncProperty(recordsArbitrary, delimiterArbitrary, fc.constantFrom("\r\n", "\n", "\r"), fc.boolean(), cutsArbitrary, async (records, delimiter, lineEnd, quoteAll, cuts) => {
        const quote = (value: string) =>
          quoteAll || value === "" || /["\r\n,;\t]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
        const text = records.map((record) => record.map(quote).join(delimiter)).join(lineEnd) + lineEnd;
        const result = await readOrRefuse(chunked(new TextEncoder().encode(text), cuts), { delimiter });
        expect(result).toEqual(records);
      }),
      { numRuns: 200 },
    );
  });
});
