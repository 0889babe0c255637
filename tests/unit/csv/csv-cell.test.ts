import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "~/lib/csv/csv-cell";
import { readCsvRecords } from "~/lib/csv/read-csv-records";

describe("csvCell", () => {
  it("writes plain text and numbers as they are, and nothing for null", () => {
    expect(csvCell("Arrow")).toBe("Arrow");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-3.5)).toBe("-3.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("puts an apostrophe before text a spreadsheet would run as a formula (OWASP CSV injection)", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell("+1 2")).toBe("'+1 2");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe("\"'\r=1\"");
    // Only the first character matters: these are ordinary text.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(" =1")).toBe(" =1");
  });

  it("quotes commas, quotes and line breaks, doubling quotes (RFC 4180)", () => {
    expect(csvCell("Herefordshire, County of")).toBe("\"Herefordshire, County of\"");
    expect(csvCell("say \"hi\"")).toBe("\"say \"\"hi\"\"\"");
    expect(csvCell("two\nlines")).toBe("\"two\nlines\"");
  });

  it("refuses a number that is not finite", () => {
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

async function* textOf(text: string): AsyncGenerator<string> {
  yield text;
}

describe("csvLine", () => {
  it("joins cells with commas, and reads back as the same values (apostrophes aside)", async () => {
    const values = ["ABCD-EFGH", "a, \"b\"", "=cmd", 7, null];
    const line = csvLine(values);
    expect(line).toBe("ABCD-EFGH,\"a, \"\"b\"\"\",'=cmd,7,");
    const records: string[][] = [];
    for await (const record of readCsvRecords(textOf(`${line}\r\n`))) records.push(record);
    expect(records).toEqual([["ABCD-EFGH", "a, \"b\"", "'=cmd", "7", ""]]);
  });

  it("writes an empty line for no values", () => {
    expect(csvLine([])).toBe("");
  });
});
