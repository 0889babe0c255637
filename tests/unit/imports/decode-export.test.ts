import { describe, expect, it } from "vitest";
import { decodeExport, sniffExport, SNIFF_BYTES } from "~/lib/imports/decode-export";
import { fixtureBytes } from "./fixture";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeExport", () => {
  it.each([
    ["surveymonkey.csv", "utf-8", ","],
    ["google-forms.csv", "utf-8", ","],
    ["qualtrics.csv", "utf-8", ","],
    ["smartsurvey.csv", "utf-8", ","],
    ["citizen-space.csv", "utf-8", ","],
    ["generic-windows-1252-semicolon.csv", "windows-1252", ";"],
    ["generic-utf8-bom-tab.tsv", "utf-8", "\t"],
  ])("reads %s as %s delimited by %j", (name, encoding, delimiter) => {
    const decoded = decodeExport(fixtureBytes(name));
    expect(decoded.ok && { encoding: decoded.value.encoding, delimiter: decoded.value.delimiter }).toEqual({ encoding, delimiter });
  });

  it("decodes Windows-1252 so that £ and é come out as themselves", () => {
    const decoded = decodeExport(fixtureBytes("generic-windows-1252-semicolon.csv"));
    expect(decoded.ok && decoded.value.text).toContain("Spent £40 on a new lock");
    expect(decoded.ok && decoded.value.text).toContain("Zoé Éxample");
  });

  it("notes a UTF-8 byte order mark and leaves it out of the text", () => {
    const decoded = decodeExport(fixtureBytes("generic-utf8-bom-tab.tsv"));
    expect(decoded.ok && decoded.value.hasByteOrderMark).toBe(true);
    expect(decoded.ok && decoded.value.text.startsWith("Respondent\t")).toBe(true);
  });

  it("reads plain ASCII as UTF-8", () => {
    const decoded = decodeExport(utf8("a,b\n1,2\n"));
    expect(decoded.ok && decoded.value).toEqual({ encoding: "utf-8", hasByteOrderMark: false, delimiter: ",", text: "a,b\n1,2\n" });
  });

  it("refuses an empty file, one holding only a byte order mark, and one of blank lines", () => {
    for (const bytes of [fixtureBytes("empty.csv"), Uint8Array.of(0xef, 0xbb, 0xbf), utf8(" \r\n\r\n\t")]) {
      expect(decodeExport(bytes)).toEqual({ ok: false, error: { code: "EmptyFile", message: "The selected file is empty" } });
    }
  });

  it("says an XLSX is an XLSX whatever its name", () => {
    const decoded = decodeExport(fixtureBytes("xlsx-named-csv.csv"));
    expect(!decoded.ok && decoded.error.code).toBe("Xlsx");
    expect(!decoded.ok && decoded.error.message).toBe("The selected file is an Excel workbook (.xlsx), whatever its name, so it needs the XLSX reader");
  });

  it.each([
    ["binary-named-csv.csv", "The selected file is not text: it has NUL bytes, which a CSV never has. It must be a CSV file or an Excel workbook (.xlsx)"],
    ["pdf-named-csv.csv", "The selected file is a PDF. It must be a CSV file or an Excel workbook (.xlsx)"],
  ])("refuses %s as neither CSV nor XLSX", (name, message) => {
    expect(decodeExport(fixtureBytes(name))).toEqual({ ok: false, error: { code: "NotCsvOrXlsx", message } });
  });

  it("refuses a ZIP that is not a workbook, an Excel 97-2003 file and UTF-16 text, saying what to save instead", () => {
    const message = (bytes: Uint8Array) => {
      const decoded = decodeExport(bytes);
      return !decoded.ok && decoded.error.message;
    };
    expect(message(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, ...utf8("word/document.xml")))).toBe("The selected file is a Word document. It must be a CSV file or an Excel workbook (.xlsx)");
    expect(message(Uint8Array.of(0x50, 0x4b, 0x05, 0x06, 0, 0))).toBe("The selected file is a ZIP archive. It must be a CSV file or an Excel workbook (.xlsx)");
    expect(message(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0))).toMatch(/Excel \.xls workbook\. Save it as CSV UTF-8 or as an Excel workbook/);
    expect(message(Uint8Array.of(0xff, 0xfe, 0x61, 0x00))).toBe("The selected file is Unicode text (UTF-16). Save it as CSV UTF-8 (comma delimited) and upload that");
  });

  it("refuses a file marked as UTF-8 whose bytes are not UTF-8 rather than reading it with replacement characters", () => {
    expect(decodeExport(Uint8Array.of(0xef, 0xbb, 0xbf, 0x5a, 0x6f, 0xe9, 0x0a))).toEqual({
      ok: false,
      error: { code: "NotUtf8", message: "The selected file says it is UTF-8 but has characters in another encoding. Save it again as CSV UTF-8 and upload that" },
    });
  });

  it("reads bytes that are not UTF-8 as Windows-1252", () => {
    const decoded = decodeExport(Uint8Array.of(0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xe9, 0x0a));
    expect(decoded.ok && [decoded.value.encoding, decoded.value.text]).toEqual(["windows-1252", "Name\nZoé\n"]);
  });

  it("picks the delimiter that splits every line alike, not the one most frequent in the answers", () => {
    const text = "id;comment;ward\n1;I feel safe, mostly, thanks;Central\n2;fine;Tupsley\n3;ok, ok, ok, ok;Kington\n";
    expect(decodeExport(utf8(text))).toMatchObject({ ok: true, value: { delimiter: ";" } });
  });

  it("ignores delimiters inside quotes when sniffing, as in Qualtrics' ImportId row", () => {
    const text = 'a\tb\n"{""ImportId"":""x"",""timeZone"":""y""}"\t"1;2;3"\n';
    expect(decodeExport(utf8(text))).toMatchObject({ ok: true, value: { delimiter: "\t" } });
  });

  it("reads a file with none of the delimiters as one comma-delimited column", () => {
    expect(decodeExport(utf8("ward\nCentral\n"))).toMatchObject({ ok: true, value: { delimiter: "," } });
  });
});

describe("sniffExport", () => {
  it("does not hold a UTF-8 character cut at the end of the sniffed bytes against the file", () => {
    const head = utf8(`a;b\n${"é".repeat(10)}`).slice(0, -1);
    expect(sniffExport(head, false)).toMatchObject({ ok: true, value: { encoding: "utf-8", delimiter: ";" } });
  });

  it("leaves a last line cut off by the sniff out of the delimiter count, but counts a whole file's", () => {
    const bytes = utf8("a;b,c\n1;2\n3,4");
    expect(sniffExport(bytes, false)).toMatchObject({ ok: true, value: { delimiter: ";" } });
    expect(sniffExport(bytes, true)).toMatchObject({ ok: true, value: { delimiter: "," } });
  });

  it("refuses a head of blank space without calling the file empty", () => {
    const sniffed = sniffExport(utf8(" ".repeat(SNIFF_BYTES)), false);
    expect(!sniffed.ok && sniffed.error.code).toBe("NotCsvOrXlsx");
  });
});
