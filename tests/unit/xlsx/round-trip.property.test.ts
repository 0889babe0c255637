import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { writeXlsx, type XlsxCell } from "~/lib/xlsx/write-xlsx";
import { readRows, scratchFolder } from "./workbook-files";

const scratch = scratchFolder();
afterAll(() => scratch.remove());

// Text made of what breaks writers and readers: formula starts, XML's special characters, line
// ends, Excel's _xHHHH_ escapes, whitespace, non-ASCII and emoji (characters XML cannot hold are
// left to write-xlsx.test.ts, as the writer takes them out).
const textArbitrary = fc
  .array(fc.oneof(fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", "<", ">", "&", '"', "'", "]]>", "_x000D_", "_x005F_", "_x", " ", "é", "’", "😀", "東京"), fc.string({ maxLength: 3 })), { maxLength: 6 })
  .map((pieces) => pieces.join(""));
// Whole seconds from 1 March 1900 (before it, Excel's phantom 29 February 1900 makes serials ambiguous) to 9999.
const dateTimeArbitrary = fc
  .integer({ min: Date.UTC(1900, 2, 1) / 1000, max: Date.UTC(9999, 11, 31, 23, 59, 59) / 1000 })
  .map((seconds) => ({ dateTime: new Date(seconds * 1000).toISOString().slice(0, 19) }));
const cellArbitrary: fc.Arbitrary<XlsxCell> = fc.oneof(
  textArbitrary,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  dateTimeArbitrary,
  fc.constant(null),
);
const tableArbitrary = fc.array(fc.array(cellArbitrary, { maxLength: 6 }), { maxLength: 8 });

const FORMULA_START = /^[=+\-@\t\r]/;

/** What the reader should give back for a written cell: see writeXlsx and readSheetRows. */
function expectedText(cell: XlsxCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "object") return cell.dateTime;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function withoutTrailingBlanks(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end -= 1;
  return cells.slice(0, end);
}

describe("writing and reading back a workbook", () => {
  it("gives back every table as written: text neutralised as csvCell does, numbers shortest, date-times as text", async () => {
    await fc.assert(
      fc.asyncProperty(tableArbitrary, async (rows) => {
        const read = await readRows(scratch.file("table.xlsx", writeXlsx([{ name: "Table", rows }])));
        expect(read).toEqual(rows.map((cells) => withoutTrailingBlanks(cells.map(expectedText))));
      }),
      { numRuns: 100 },
    );
  });
});
