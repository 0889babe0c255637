import { describe, expect, it } from "vitest";
import { CsvUnreadable } from "~/lib/csv/read-csv-records";
import { readDelimitedRecords, type DelimitedOptions } from "~/lib/csv/read-delimited-records";

async function* chunks(parts: readonly (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  yield* parts;
}

async function readAll(parts: readonly (string | Uint8Array)[], options?: DelimitedOptions): Promise<string[][]> {
  const records: string[][] = [];
  for await (const record of readDelimitedRecords(chunks(parts), options)) records.push(record);
  return records;
}

async function refusal(parts: readonly (string | Uint8Array)[], options?: DelimitedOptions): Promise<string> {
  const error = await readAll(parts, options).then(() => null, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(CsvUnreadable);
  return (error as CsvUnreadable).message;
}

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("readDelimitedRecords", () => {
  it("splits on the chosen delimiter and leaves the others in the value", async () => {
    expect(await readAll(["a;b,c;d\n1;2,5;3\n"], { delimiter: ";" })).toEqual([["a", "b,c", "d"], ["1", "2,5", "3"]]);
    expect(await readAll(["a\tb;c\td\n"], { delimiter: "\t" })).toEqual([["a", "b;c", "d"]]);
    expect(await readAll(["a,b\n"])).toEqual([["a", "b"]]);
  });

  it("keeps delimiters, line breaks and doubled quotes inside a quoted value", async () => {
    expect(await readAll(['"x;y";"line 1\r\nline 2";"say ""hi"""\n'], { delimiter: ";" })).toEqual([["x;y", "line 1\r\nline 2", 'say "hi"']]);
  });

  it("ends lines at CRLF, LF or a lone CR", async () => {
    expect(await readAll(["a,b\r\nc,d\ne,f\rg,h"])).toEqual([["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]]);
  });

  it("reads a CRLF split between two chunks as one line end", async () => {
    expect(await readAll(["a,b\r", "\nc,d\r\n"])).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("reads a doubled quote split between two chunks as one quote", async () => {
    expect(await readAll(['"say "', '"hi"""\n'])).toEqual([['say "hi"']]);
  });

  it("keeps empty values, a trailing delimiter and a last line without a line end", async () => {
    expect(await readAll(["a,,c,\n,,\n\"\",x"])).toEqual([["a", "", "c", ""], ["", "", ""], ["", "x"]]);
  });

  it("gives a blank line as one empty value, as readCsvRecords does", async () => {
    expect(await readAll(["a\n\nb\n"])).toEqual([["a"], [""], ["b"]]);
  });

  it("gives nothing for empty input", async () => {
    expect(await readAll([])).toEqual([]);
    expect(await readAll([""])).toEqual([]);
  });

  it("decodes UTF-8 whose characters are split between chunks, and drops the byte order mark", async () => {
    const text = new TextEncoder().encode("\uFEFFcafé;£5\n");
    const parts = [...text].map((byte) => bytes(byte));
    expect(await readAll(parts, { delimiter: ";" })).toEqual([["café", "£5"]]);
  });

  it("drops a byte order mark at the start of text chunks too", async () => {
    expect(await readAll(["\uFEFFa,b\n"])).toEqual([["a", "b"]]);
  });

  it("decodes Windows-1252 bytes, including the 0x80-0x9F punctuation Latin-1 lacks", async () => {
    // 0xA3 £, 0xE9 é, 0x80 €, 0x92 right single quote: Windows-1252 code page (WHATWG Encoding, index-windows-1252).
    expect(await readAll([bytes(0xa3, 0x35, 0x3b, 0x63, 0x61, 0x66, 0xe9, 0x0a, 0x80, 0x3b, 0x92, 0x0a)], { delimiter: ";", encoding: "windows-1252" }))
      .toEqual([["£5", "café"], ["€", "\u2019"]]);
  });

  it("names the row and column where bytes stop being UTF-8, wherever the chunk starts", async () => {
    const message = "row 3, column 2 has bytes that are not UTF-8, so part of the file is in another encoding";
    expect(await refusal([new TextEncoder().encode("a,b\nc,d\n"), bytes(0x65, 0x2c, 0xa3, 0x0a)])).toBe(message);
    expect(await refusal([bytes(0x61, 0x2c, 0x62, 0x0a, 0x63, 0x0a, 0x65, 0x2c, 0x66, 0xa3)])).toBe(message);
  });

  it("keeps a U+FFFD in text chunks, where no decoding failed", async () => {
    expect(await readAll(["a,\uFFFD\n"])).toEqual([["a", "\uFFFD"]]);
  });

  it("refuses a UTF-8 character cut short at the end of the file", async () => {
    expect(await refusal([bytes(0x61, 0x0a, 0xc3)])).toMatch(/not UTF-8/);
  });

  it("refuses a quote in the middle of an unquoted value, naming its row and column", async () => {
    expect(await refusal(['id,answer\n1,Fairly "safe\n'])).toBe("row 2, column 2 has a quote inside a value that does not start with a quote");
  });

  it("refuses text after a closing quote", async () => {
    expect(await refusal(['id,answer\n1,"Very safe"ish\n'])).toBe("row 2, column 2 has text after a closing quote; a value in quotes must end at the quote");
  });

  it("refuses a file that ends inside a quoted value", async () => {
    expect(await refusal(['id,ward\n1,"Tupsley\n2,Kington\n'])).toBe("row 2 is still inside a quoted value when the file ends");
  });

  it("refuses a NUL character", async () => {
    expect(await refusal(["a,b\n", "c,d\u0000\n"])).toBe("row 2, column 2 has a NUL character, which a text file never has");
  });

  it("refuses a row longer than 64,000 characters rather than holding the whole file", async () => {
    expect(await refusal(['"', "x".repeat(70_000)])).toMatch(/row 1 runs past 64,000 characters/);
  });

  it("counts rows as records, so a value with a line break in it is one row", async () => {
    expect(await refusal(['a\n"two\nlines"\nb"c\n'])).toMatch(/^row 3, column 1 /);
  });
});
