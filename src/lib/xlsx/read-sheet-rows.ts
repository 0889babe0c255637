import { columnIndexOf, columnLetters, MAX_ROWS } from "./cell-reference";
import { unescapeExcelText } from "./excel-escapes";
import { excelSerialToDateTime } from "./excel-date-serial";
import { damaged } from "./xlsx-unreadable";
import { attributeOf, createXmlPartParser, isSpreadsheetElement, type XmlTag } from "./xml-part-parser";

/** What the rest of the workbook tells a worksheet's reader: read before the worksheet itself. */
export type SheetContext = { sharedStrings: readonly string[]; dateStyles: readonly boolean[]; isDate1904: boolean };

type Cell = { column: number; type: string; style: number; value: string; inlineText: string };
type FinishedRow = { rowNumber: number; cells: string[] };

// xsd:double as SpreadsheetML writes it; Number() alone would also take "0x1F", "Infinity" and "".
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The rows of a worksheet part (<sheetData>) as text, as the part is inflated: memory holds one
 * chunk's rows, not the sheet. Row numbers match Excel's: an empty row is yielded for each row
 * number the part skips, so rows[n - 1] is Excel's row n. Cells are placed by their reference
 * (r="C5"), missing ones are "", and a row ends at its last cell with a value.
 *
 * Cell text: shared and inline strings (rich text runs joined), formula results as cached,
 * TRUE and FALSE, error values as Excel shows them ("#N/A"), numbers in their shortest
 * round-trip form ("1", "0.1"), and numbers in a date or time style as local date-time text
 * "2025-11-03T09:10:22" (see excelSerialToDateTime for why there is no time zone).
 */
export async function* readSheetRows(chunks: AsyncIterable<Uint8Array>, partName: string, context: SheetContext): AsyncGenerator<string[], void, undefined> {
  const finished: FinishedRow[] = [];
  let lastRowNumber = 0;
  let row: FinishedRow | null = null;
  let nextColumn = 0;
  let cell: Cell | null = null;
  let isInValue = false;
  let isInInlineString = false;
  let isInPhonetic = false;
  let isInText = false;
  let run = "";

  const openRow = (tag: XmlTag) => {
    const given = attributeOf(tag, "r");
    const rowNumber = given === undefined ? lastRowNumber + 1 : Number(given);
    if (!Number.isInteger(rowNumber) || rowNumber <= lastRowNumber || rowNumber > MAX_ROWS) {
      throw damaged(`${partName} has a row numbered ${given} after row ${lastRowNumber}`);
    }
    row = { rowNumber, cells: [] };
    nextColumn = 0;
  };
  const openCell = (tag: XmlTag, rowNumber: number) => {
    const reference = attributeOf(tag, "r");
    const column = reference === undefined ? nextColumn : columnIndexOf(reference);
    if (column === null) throw damaged(`${partName} has a cell in row ${rowNumber} at "${reference}", which is not a cell of a worksheet`);
    cell = { column, type: attributeOf(tag, "t") ?? "n", style: Number(attributeOf(tag, "s") ?? 0), value: "", inlineText: "" };
  };
  const parser = createXmlPartParser(partName, {
    open: (tag) => {
      if (isSpreadsheetElement(tag, "row")) openRow(tag);
      else if (row === null) return;
      else if (isSpreadsheetElement(tag, "c")) openCell(tag, row.rowNumber);
      else if (cell === null) return;
      else if (isSpreadsheetElement(tag, "v")) isInValue = true;
      else if (isSpreadsheetElement(tag, "is")) isInInlineString = true;
      else if (isSpreadsheetElement(tag, "rPh")) isInPhonetic = true;
      else if (isSpreadsheetElement(tag, "t")) {
        isInText = isInInlineString && !isInPhonetic;
        run = "";
      }
    },
    text: (text) => {
      if (cell === null) return;
      if (isInValue) cell.value += text;
      else if (isInText) run += text;
    },
    close: (tag) => {
      if (isSpreadsheetElement(tag, "v")) isInValue = false;
      else if (isSpreadsheetElement(tag, "is")) isInInlineString = false;
      else if (isSpreadsheetElement(tag, "rPh")) isInPhonetic = false;
      else if (isSpreadsheetElement(tag, "t") && isInText && cell !== null) {
        cell.inlineText += unescapeExcelText(run);
        isInText = false;
      } else if (isSpreadsheetElement(tag, "c") && cell !== null && row !== null) {
        const text = cellText(cell, row.rowNumber, context, partName);
        if (text !== "") row.cells[cell.column] = text;
        nextColumn = cell.column + 1;
        cell = null;
      } else if (isSpreadsheetElement(tag, "row") && row !== null) {
        // Array.from fills the holes the sparse cells left with "".
        finished.push({ rowNumber: row.rowNumber, cells: Array.from(row.cells, (text) => text ?? "") });
        lastRowNumber = row.rowNumber;
        row = null;
      }
    },
  });

  let yielded = 0;
  async function* release(): AsyncGenerator<string[], void, undefined> {
    for (const { rowNumber, cells } of finished.splice(0)) {
      for (; yielded < rowNumber - 1; yielded += 1) yield [];
      yield cells;
      yielded = rowNumber;
    }
  }
  for await (const chunk of chunks) {
    parser.write(chunk);
    yield* release();
  }
  parser.close();
  yield* release();
}

function cellText(cell: Cell, rowNumber: number, context: SheetContext, partName: string): string {
  if (cell.type === "inlineStr") return cell.inlineText;
  if (cell.type === "str") return unescapeExcelText(cell.value);
  const value = cell.value.trim();
  // No value: a formula never calculated, or a cell with only a style.
  if (value === "") return "";
  const where = `cell ${columnLetters(cell.column)}${rowNumber} of ${partName}`;
  switch (cell.type) {
    case "s": {
      const text = NUMBER.test(value) ? context.sharedStrings[Number(value)] : undefined;
      if (text === undefined) throw damaged(`${where} points to shared string "${value}", which the workbook does not have`);
      return text;
    }
    case "e":
      return value;
    case "b":
      if (value === "1") return "TRUE";
      if (value === "0") return "FALSE";
      throw damaged(`${where} holds "${value.slice(0, 40)}" where it should hold TRUE or FALSE`);
    case "d":
      // An ISO 8601 date or date-time (ECMA-376 Part 1, 18.17.4); Excel itself writes serials.
      if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?/.test(value)) throw damaged(`${where} holds "${value.slice(0, 40)}" where it should hold a date`);
      return value.length === 10 ? `${value}T00:00:00` : value.slice(0, 19);
    case "n": {
      const number = NUMBER.test(value) ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) throw damaged(`${where} holds "${value.slice(0, 40)}" where it should hold a number`);
      const isDate = context.dateStyles[cell.style] === true;
      return (isDate ? excelSerialToDateTime(number, context.isDate1904) : null) ?? String(number);
    }
    default:
      throw damaged(`${where} has a type, "${cell.type.slice(0, 20)}", that Excel does not write`);
  }
}
