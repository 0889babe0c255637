import { readFileSync } from "node:fs";
import zlib from "node:zlib";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import yauzl, { type ZipFile } from "yauzl";
import { readXlsxRows } from "~/lib/xlsx/read-xlsx-rows";
import { writeXlsx } from "~/lib/xlsx/write-xlsx";
import { fixturePath, handWorkbook, handWorkbookParts, MAIN, refusalOf, scratchFolder, zipOf } from "./workbook-files";

const scratch = scratchFolder();
afterAll(() => scratch.remove());
afterEach(() => vi.restoreAllMocks());

const TOO_LARGE = "The workbook expands to more than 200 MB when opened, so it was not read. Split the responses across smaller workbooks, or save the worksheet as CSV UTF-8 and upload that";
const RESAVE = "Open it in Excel, save it as a new workbook (.xlsx) and upload that";

/** Counts the bytes every inflater made while reading: what a zip bomb costs us. */
function countInflatedBytes(): { bytes: number } {
  const inflated = { bytes: 0 };
  const createInflateRaw = zlib.createInflateRaw;
  vi.spyOn(zlib, "createInflateRaw").mockImplementation((options) => {
    const inflater = createInflateRaw(options);
    const push = inflater.push.bind(inflater);
    inflater.push = (chunk: Buffer | null, encoding?: BufferEncoding) => {
      inflated.bytes += chunk?.length ?? 0;
      return push(chunk, encoding);
    };
    return inflater;
  });
  return inflated;
}

/** Every ZIP the reader opens, and which of them have closed their file. */
function watchZipFiles(): { opened: ZipFile[]; closed: Set<ZipFile> } {
  const opened: ZipFile[] = [];
  const closed = new Set<ZipFile>();
  const open = yauzl.open;
  vi.spyOn(yauzl, "open").mockImplementation(((filePath: string, options: yauzl.Options, callback: (error: Error | null, zip: ZipFile) => void) =>
    open(filePath, options, (error, zip) => {
      if (zip !== undefined) {
        opened.push(zip);
        zip.once("close", () => closed.add(zip));
      }
      callback(error, zip);
    })) as typeof yauzl.open);
  return { opened, closed };
}

describe("readXlsxRows refusing zip bombs", () => {
  it("refuses a workbook whose declared sizes add up past the limit, before inflating anything", async () => {
    const inflated = countInflatedBytes();
    const inflaters = vi.mocked(zlib.createInflateRaw);
    expect(await refusalOf(fixturePath("zip-bomb-declared.xlsx"))).toEqual({ code: "TooLarge", message: TOO_LARGE });
    expect(inflaters).not.toHaveBeenCalled();
    expect(inflated.bytes).toBe(0);
  });

  it("stops inflating a part that expands past its declared size, long before the 300 MB it holds", async () => {
    const inflated = countInflatedBytes();
    expect(await refusalOf(fixturePath("zip-bomb.xlsx"))).toEqual({
      code: "Damaged",
      message: `The workbook is damaged: xl/worksheets/sheet1.xml expands to more than the workbook says it does, so it was not read. ${RESAVE}`,
    });
    // Its parts declare under 6,000 bytes in all; reading stops at the first 16 KiB chunk (zlib's default) past that.
    expect(inflated.bytes).toBeLessThanOrEqual(6_000 + 16_384);
  });

  it("keeps to a tiny configured limit: refused on the declared sizes, or stopped within a chunk of passing it", async () => {
    expect(await refusalOf(fixturePath("microsoft-forms.xlsx"), { maxUncompressedBytes: 5_000 })).toEqual({
      code: "TooLarge",
      message: "The workbook expands to more than 5,000 bytes when opened, so it was not read. Split the responses across smaller workbooks, or save the worksheet as CSV UTF-8 and upload that",
    });
    const inflated = countInflatedBytes();
    const limit = 8_000; // more than the bomb declares (about 6 KB), so inflating starts
    expect((await refusalOf(fixturePath("zip-bomb.xlsx"), { maxUncompressedBytes: limit })).code).toBe("TooLarge");
    expect(inflated.bytes).toBeLessThanOrEqual(limit + 16_384);
  });

  it("refuses a workbook of more parts than allowed", async () => {
    expect(await refusalOf(fixturePath("microsoft-forms.xlsx"), { maxEntries: 5 })).toEqual({
      code: "TooManyParts",
      message: "The workbook is made of more than 5 parts, far more than a sheet of responses needs, so it was not read. Save the worksheet as CSV UTF-8 and upload that",
    });
  });
});

describe("readXlsxRows refusing what is not a workbook it can read", () => {
  it.each(["google-forms.csv", "pdf-named-csv.csv", "empty.csv"])("refuses %s as not a workbook", async (name) => {
    expect(await refusalOf(fixturePath(name))).toEqual({
      code: "NotZip",
      message: "The selected file is not an Excel workbook (.xlsx). Save it from Excel as an Excel workbook (.xlsx) or as CSV UTF-8 and upload that",
    });
  });

  it("says a password-protected workbook is password protected", async () => {
    expect(await refusalOf(fixturePath("password-protected.xlsx"))).toEqual({
      code: "PasswordProtected",
      message: "The workbook is password protected, so it could not be read. Open it in Excel, remove the password (File, Info, Protect Workbook, Encrypt with Password), save it and upload it again",
    });
  });

  it("tells an Excel 97-2003 file from a password-protected workbook", async () => {
    const xls = Buffer.alloc(1536);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    Buffer.from("Workbook", "utf16le").copy(xls, 1024);
    expect((await refusalOf(scratch.file("old.xls", xls))).code).toBe("OldExcelFormat");
  });

  it("refuses a ZIP that is not a workbook, and a workbook with no worksheet", async () => {
    expect((await refusalOf(scratch.file("notes.zip", zipOf({ "notes.txt": "not a workbook" })))).code).toBe("NotWorkbook");
    const noSheets = zipOf({ "xl/workbook.xml": `<workbook xmlns="${MAIN}"><sheets/></workbook>` });
    expect(await refusalOf(scratch.file("empty.xlsx", noSheets))).toEqual({ code: "NoWorksheet", message: "The workbook has no worksheet, so it holds no responses. Check it is the right file" });
  });

  it("refuses any part with a DOCTYPE, so no entity is ever declared (XXE, billion laughs)", async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>`;
    const sheet = `${laughs}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const withDoctype = zipOf({ ...handWorkbookParts({ sheetData: "" }), "xl/worksheets/sheet1.xml": sheet });
    expect(await refusalOf(scratch.file("doctype.xlsx", withDoctype))).toEqual({
      code: "HasDoctype",
      message: `The workbook has a document type declaration in xl/worksheets/sheet1.xml, which Excel never writes, so it was not read. ${RESAVE}`,
    });
  });

  it.each([
    ["XML that is not well-formed", `<row r="1"><c><v>1</c></row>`, "xl/worksheets/sheet1.xml is not well-formed XML"],
    ["a row numbered before the last", `<row r="3"/><row r="2"/>`, "xl/worksheets/sheet1.xml has a row numbered 2 after row 3"],
    ["a cell outside the grid", `<row r="1"><c r="XFE1"><v>1</v></c></row>`, `xl/worksheets/sheet1.xml has a cell in row 1 at "XFE1", which is not a cell of a worksheet`],
    ["a shared string it does not have", `<row r="1"><c r="B1" t="s"><v>4</v></c></row>`, `cell B1 of xl/worksheets/sheet1.xml points to shared string "4", which the workbook does not have`],
    ["a number that is not one", `<row r="2"><c r="A2"><v>0x1F</v></c></row>`, `cell A2 of xl/worksheets/sheet1.xml holds "0x1F" where it should hold a number`],
  ])("refuses %s as damaged, saying where", async (_, sheetData, problem) => {
    expect(await refusalOf(scratch.file("damaged.xlsx", handWorkbook({ sheetData })))).toEqual({
      code: "Damaged",
      message: `The workbook is damaged: ${problem}, so it was not read. ${RESAVE}`,
    });
  });

  it("refuses a ZIP cut short, and one holding a part twice, as damaged", async () => {
    const whole = readFileSync(fixturePath("microsoft-forms.xlsx"));
    expect((await refusalOf(scratch.file("cut.xlsx", whole.subarray(0, 1000)))).code).toBe("Damaged");
    const twice = zipOf({ ...handWorkbookParts({ sheetData: "" }), "XL/Workbook.xml": "<x/>" });
    expect((await refusalOf(scratch.file("twice.xlsx", twice))).message).toContain("it holds XL/Workbook.xml twice");
  });
});

describe("readXlsxRows closing the workbook", () => {
  // Rows enough that the worksheet inflates in many chunks, so stopping early leaves streams open.
  const manyRows = () => scratch.file("many.xlsx", writeXlsx([{ name: "Responses", rows: Array.from({ length: 2_000 }, (_, i) => [i, `answer ${i}`]) }]));

  it("closes the file when the caller stops after the first row", async () => {
    const { opened, closed } = watchZipFiles();
    for await (const row of readXlsxRows(manyRows())) {
      expect(row).toEqual(["0", "answer 0"]);
      break;
    }
    expect(opened).toHaveLength(1);
    await vi.waitFor(() => expect(closed.has(opened[0] as ZipFile)).toBe(true));
  });

  it("closes the file after the last row and after a refusal", async () => {
    const { opened, closed } = watchZipFiles();
    for await (const _ of readXlsxRows(manyRows()));
    await refusalOf(fixturePath("zip-bomb.xlsx"));
    await refusalOf(fixturePath("zip-bomb-declared.xlsx"));
    expect(opened).toHaveLength(3);
    await vi.waitFor(() => expect(opened.every((zip) => closed.has(zip))).toBe(true));
  });
});
