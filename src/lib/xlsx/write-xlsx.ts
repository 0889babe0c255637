import { columnLetters, MAX_COLUMNS, MAX_ROWS } from "./cell-reference";
import { dateTimeToExcelSerial } from "./excel-date-serial";
import { escapeExcelText } from "./excel-escapes";
import { toSheetNames } from "./sheet-names";
import { xmlAttribute, xmlText } from "./xml-text";
import { deflateZipEntry, zipArchive, type ZipEntry } from "./zip-archive";

/** A local date and time, "2025-11-03T09:10:22", written as a date-time serial Excel shows as a date. */
export type XlsxDateTime = { dateTime: string };
export type XlsxCell = string | number | null | XlsxDateTime;
export type XlsxSheet = { name: string; rows: readonly (readonly XlsxCell[])[] };
export type XlsxOptions = {
  /** Excel number format for date-time cells; UK day-first by default. */
  dateTimeFormat?: string;
};

// The same test as csvCell (src/lib/csv/csv-cell.ts): text a spreadsheet would take for a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// Styles, by their index in cellXfs below.
const BOLD = 1;
const DATE_TIME = 2;
const BOLD_DATE_TIME = 3;

/**
 * A minimal .xlsx workbook (ECMA-376 Transitional): one worksheet per sheet, in order. Text is
 * written as inline strings, so no shared strings table is needed; numbers as numbers; date-time
 * cells as serials in a date-time format; null as no cell. The first row of each sheet is bold,
 * as a header row. Sheet names are made acceptable to Excel (see toSheetNames).
 *
 * Text is data, never a formula: an inline string is never evaluated, and text starting = + - @
 * (or a tab or carriage return) also gets a leading apostrophe, as csvCell does, so that copying
 * the cell into a formula bar or another file does not run it either (OWASP, "CSV Injection").
 * Characters XML 1.0 forbids are taken out. Throws a RangeError for a number that is not finite,
 * a date-time that is not one, or a sheet past Excel's 1,048,576 rows or 16,384 columns.
 */
export function writeXlsx(sheets: readonly XlsxSheet[], options: XlsxOptions = {}): Uint8Array {
  return zipArchive(workbookZipEntries(sheets, options));
}

/** The ZIP entries of writeXlsx's workbook, before they are put together: sheet n is "xl/worksheets/sheet{n}.xml". */
export function workbookZipEntries(sheets: readonly XlsxSheet[], options: XlsxOptions = {}): ZipEntry[] {
  const names = toSheetNames(sheets.map((sheet) => sheet.name));
  const dateTimeFormat = options.dateTimeFormat ?? "dd/mm/yyyy hh:mm:ss";
  const parts: [string, string][] = [
    ["[Content_Types].xml", contentTypes(sheets.length)],
    ["_rels/.rels", packageRelationships()],
    ["xl/workbook.xml", workbook(names)],
    ["xl/_rels/workbook.xml.rels", workbookRelationships(sheets.length)],
    ["xl/styles.xml", styles(dateTimeFormat)],
    ...sheets.map((sheet, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, worksheet(sheet.rows)]),
  ];
  const encoder = new TextEncoder();
  return parts.map(([name, xml]) => deflateZipEntry(name, encoder.encode(xml)));
}

function worksheet(rows: XlsxSheet["rows"]): string {
  if (rows.length > MAX_ROWS) throw new RangeError(`writeXlsx: ${rows.length} rows is more than Excel's ${MAX_ROWS}`);
  const xml = rows.map((cells, r) => {
    if (cells.length > MAX_COLUMNS) throw new RangeError(`writeXlsx: row ${r + 1} has more than Excel's ${MAX_COLUMNS} columns`);
    const isHeader = r === 0;
    const written = cells.map((value, c) => (value === null ? "" : cell(`${columnLetters(c)}${r + 1}`, value, isHeader))).join("");
    return written === "" ? `<row r="${r + 1}"/>` : `<row r="${r + 1}">${written}</row>`;
  });
  return `${XML_DECLARATION}<worksheet xmlns="${MAIN}"><sheetData>${xml.join("")}</sheetData></worksheet>`;
}

function cell(reference: string, value: string | number | XlsxDateTime, isHeader: boolean): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`writeXlsx: ${value} in ${reference} is not a finite number`);
    return `<c r="${reference}"${isHeader ? ` s="${BOLD}"` : ""}><v>${value}</v></c>`;
  }
  if (typeof value === "object") {
    return `<c r="${reference}" s="${isHeader ? BOLD_DATE_TIME : DATE_TIME}"><v>${dateTimeToExcelSerial(value.dateTime)}</v></c>`;
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `<c r="${reference}" t="inlineStr"${isHeader ? ` s="${BOLD}"` : ""}><is><t xml:space="preserve">${xmlText(escapeExcelText(text))}</t></is></c>`;
}

function contentTypes(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i) =>
    `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("");
  return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`
    + `<Default Extension="xml" ContentType="application/xml"/>`
    + `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`
    + `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
    + `${sheets}</Types>`;
}

function packageRelationships(): string {
  return `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
}

function workbook(names: readonly string[]): string {
  const sheets = names.map((name, i) => `<sheet name="${xmlAttribute(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  return `${XML_DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>${sheets}</sheets></workbook>`;
}

function workbookRelationships(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i) =>
    `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  return `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + `${sheets}<Relationship Id="rId${sheetCount + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`;
}

// The smallest stylesheet Excel opens without repair: two fonts (regular, bold), the two fills
// and one border it requires, and four cell styles: plain, bold, date-time, bold date-time.
// Custom number formats start at id 164 (ECMA-376 Part 1, 18.8.30).
function styles(dateTimeFormat: string): string {
  const xf = (fontId: number, numFmtId: number) =>
    `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${fontId === 0 ? "" : ' applyFont="1"'}${numFmtId === 0 ? "" : ' applyNumberFormat="1"'}/>`;
  return `${XML_DECLARATION}<styleSheet xmlns="${MAIN}">`
    + `<numFmts count="1"><numFmt numFmtId="164" formatCode="${xmlAttribute(dateTimeFormat)}"/></numFmts>`
    + `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>`
    + `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`
    + `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`
    + `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`
    + `<cellXfs count="4">${xf(0, 0)}${xf(1, 0)}${xf(0, 164)}${xf(1, 164)}</cellXfs>`
    + `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`
    + `</styleSheet>`;
}
