import { afterAll, describe, expect, it } from "vitest";
import { writeXlsx, type XlsxSheet } from "~/lib/xlsx/write-xlsx";
import { readRows, scratchFolder } from "./workbook-files";

const scratch = scratchFolder();
afterAll(() => scratch.remove());

const roundTrip = (sheets: readonly XlsxSheet[]) => readRows(scratch.file("written.xlsx", writeXlsx(sheets)));

describe("writeXlsx", () => {
  it("writes text, numbers, date-times and gaps that the reader gives back", async () => {
    const rows = await roundTrip([{ name: "Ward trends", rows: [["Ward", "Estimate", "Updated"], ["Central", 0.4167, { dateTime: "2025-11-03T09:10:22" }], [], ["Tupsley", null, null, -3]] }]);
    expect(rows).toEqual([["Ward", "Estimate", "Updated"], ["Central", "0.4167", "2025-11-03T09:10:22"], [], ["Tupsley", "", "", "-3"]]);
  });

  it("puts an apostrophe before text a spreadsheet would run as a formula, as csvCell does, but not before numbers", async () => {
    const rows = await roundTrip([{ name: "S", rows: [["=1+1", "@SUM(A1)", "-2", "+44 1432 260000", "\t=1", "\r=1", "a=b", " =1", -2]] }]);
    expect(rows).toEqual([["'=1+1", "'@SUM(A1)", "'-2", "'+44 1432 260000", "'\t=1", "'\r=1", "a=b", " =1", "-2"]]);
  });

  it("keeps XML's special characters, line breaks, spaces, emoji and Excel's own escapes as they are", async () => {
    const text = [`<b>&amp;</b> "quoted" 'single' ]]>`, "line one\r\nline two\nthree\r", "  padded  ", "😀 👍🏽 Zoé £40 Don’t", "_x0041_ and _x005F_ and _x000D_"];
    expect(await roundTrip([{ name: "S", rows: [text] }])).toEqual([text]);
  });

  it("takes out the characters XML 1.0 cannot hold, even escaped", async () => {
    const rows = await roundTrip([{ name: "S", rows: [["a\u0000b\u0001c\u000Bd\uFFFEe\uFFFF", "lone \uD83D half", "lone \uDE00 half"]] }]);
    expect(rows).toEqual([["abcde", "lone  half", "lone  half"]]);
  });

  it("writes each sheet, the first of them read as the first worksheet", async () => {
    expect(await roundTrip([{ name: "First", rows: [["one"]] }, { name: "Second", rows: [["two"]] }])).toEqual([["one"]]);
  });

  it("throws a RangeError for a number that is not finite and a date-time that does not exist", () => {
    expect(() => writeXlsx([{ name: "S", rows: [[Number.NaN]] }])).toThrow(RangeError);
    expect(() => writeXlsx([{ name: "S", rows: [[Number.POSITIVE_INFINITY]] }])).toThrow(RangeError);
    expect(() => writeXlsx([{ name: "S", rows: [[{ dateTime: "2025-02-29T00:00:00" }]] }])).toThrow(RangeError);
    expect(() => writeXlsx([{ name: "S", rows: [[{ dateTime: "3/11/2025 09:10" }]] }])).toThrow(RangeError);
  });

  it("gives the same bytes for the same workbook, so regenerated fixtures do not change", () => {
    const sheets = [{ name: "S", rows: [["a", 1, { dateTime: "2025-11-03T09:10:22" }]] }];
    expect(Buffer.from(writeXlsx(sheets)).equals(Buffer.from(writeXlsx(sheets)))).toBe(true);
  });
});
