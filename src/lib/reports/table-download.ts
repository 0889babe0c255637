import { CSV_LINE_END, csvLine } from "~/lib/csv/csv-cell";
import { writeXlsx } from "~/lib/xlsx/write-xlsx";

export type TableCell = string | number | null;
/** A report's table as the reader may see it, header row first; `title` names the workbook's sheet. */
export type ReportTable = { title: string; rows: readonly (readonly TableCell[])[] };
export type TableFormat = keyof typeof FORMATS;

const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", write: (table: ReportTable) => tableCsv(table.rows) },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write: tableXlsx },
} as const;

/** A table as CSV for board papers; every text cell neutralised against formulas (csvCell). */
export function tableCsv(rows: ReportTable["rows"]): string {
  // A byte order mark so that Excel reads the file as UTF-8 (ward names, the en dash in labels).
  return `\uFEFF${rows.map(csvLine).join(CSV_LINE_END)}${CSV_LINE_END}`;
}

/** A table as an Excel workbook of one sheet: the same cells as the CSV, numbers as numbers. */
export function tableXlsx(table: ReportTable): Uint8Array {
  return writeXlsx([{ name: table.title, rows: table.rows }]);
}

/**
 * A report's table as a file to download, named from `nameParts` (an indicator's key, a ward's
 * code, the window's label...) made safe for a file name. The table holds only what the reader
 * may see, so this decides nothing: it writes, names and sends. No cache keeps it: an
 * administrator's file holds suppressed figures.
 */
export function tableDownload(table: ReportTable, nameParts: readonly string[], format: TableFormat): Response {
  const file = `${nameParts.map((part) => part.replace(/[^A-Za-z0-9_]+/g, "-")).join("-")}.${format}`;
  const { type, write } = FORMATS[format];
  const body = write(table);
  // A copy into an ArrayBuffer of its own: the writer may return a Node Buffer that is a view
  // into a larger shared pool, whose .buffer would send the pool's other bytes too.
  return new Response(typeof body === "string" ? body : Uint8Array.from(body).buffer, {
    headers: { "Content-Type": type, "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "no-store" },
  });
}
