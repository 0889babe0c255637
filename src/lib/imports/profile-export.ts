import { err, ok, type Result } from "~/lib/result";
import { XlsxUnreadable } from "~/lib/xlsx/xlsx-unreadable";
import { readExportRecords, type ExportFile } from "./open-export";
import { recogniseLayout, type ColumnRole, type PartnerTool } from "./recognise-layout";

export type DateOrder = "day_first" | "month_first";

export type ColumnProfile = {
  index: number;
  title: string;
  role: ColumnRole;
  /** Cells with something in them. */
  filled: number;
  /**
   * The distinct values with how often each appears, for the officer to map onto options; null
   * where they are not kept (personal data, postcodes, ids, dates) or there are too many to be
   * answers on a scale (free text, which this importer does not take in).
   */
  labels: { label: string; count: number }[] | null;
  /** For a date column: the order its day and month come in, where the values show it. */
  dateOrder: DateOrder | null;
};

export type ExportProfile = { tool: PartnerTool; headerRows: number; dataRows: number; columns: ColumnProfile[] };
export type ProfileRefusal = { code: "EmptyFile" | "NoHeaderRow" | "DuplicateColumnTitles" | "NoDataRows" | "Unreadable"; message: string };

// A scale has a handful of answers; past this many distinct values a column is free text.
export const MAX_LABELS = 60;
const MAX_LABEL_CHARS = 200;
// Enough records to see every tool's header rows and a few answers under them.
const LAYOUT_RECORDS = 20;
const KEEPS_VALUES: ReadonlySet<ColumnRole> = new Set(["question", "metadata", "ward_name", "ward_code"]);
const DATE_ROLES: ReadonlySet<ColumnRole> = new Set(["timestamp", "date"]);
const DAY_MONTH = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b/;

type Tally = { filled: number; values: Map<string, number> | null; dayFirst: number; monthFirst: number };

/**
 * Reads the whole export once: recognises the tool from its first records, counts the data rows,
 * and tallies each column's distinct values so the officer can map every answer label before
 * anything is checked. Memory is bounded by MAX_LABELS per column, whatever the file's length.
 */
export async function profileExport(file: ExportFile): Promise<Result<ExportProfile, ProfileRefusal>> {
  const records = readExportRecords(file);
  const head: string[][] = [];
  let dataRows = 0;
  let tallies: Tally[] = [];
  let layout: ReturnType<typeof recogniseLayout>;
  try {
    // The layout is recognised from the first records; the same stream then goes on to the end.
    while (head.length < LAYOUT_RECORDS) {
      const next = await records.next();
      if (next.done) break;
      head.push(next.value);
    }
    if (head.length === 0) return err({ code: "EmptyFile", message: "The selected file is empty" });
    layout = recogniseLayout(head);
    if (!layout.ok) return err(layout.error);
    const columns = layout.value.columns;
    tallies = columns.map(() => ({ filled: 0, values: new Map(), dayFirst: 0, monthFirst: 0 }));
    for (const early of head.slice(layout.value.headerRows)) dataRows += tally(early, columns, tallies);
    for await (const record of records) dataRows += tally(record, columns, tallies);
  } catch (error) {
    // The XLSX reader's messages already say what to do; the CSV reader's say only where.
    if (error instanceof XlsxUnreadable) return err({ code: "Unreadable", message: error.message });
    return err({ code: "Unreadable", message: `The file could not be read: ${(error as Error).message}. Fix it and upload it again` });
  } finally {
    await records.return(undefined);
  }
  if (dataRows === 0) return err({ code: "NoDataRows", message: "The file has column titles but no responses under them" });
  const { tool, headerRows, columns } = layout.value;
  return ok({
    tool, headerRows, dataRows,
    columns: columns.map((column, i) => {
      const t = tallies[i]!;
      return {
        ...column,
        filled: t.filled,
        labels: KEEPS_VALUES.has(column.role) && t.values !== null
          ? [...t.values].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
          : null,
        dateOrder: !DATE_ROLES.has(column.role) ? null : t.dayFirst > 0 && t.monthFirst === 0 ? "day_first" : t.monthFirst > 0 && t.dayFirst === 0 ? "month_first" : null,
      };
    }),
  });
}

/** Adds one record to the tallies; returns 1 if it is a data row, 0 if it is blank. */
function tally(record: readonly string[], columns: readonly { role: ColumnRole }[], tallies: Tally[]): number {
  if (record.every((cell) => cell.trim() === "")) return 0;
  columns.forEach((column, i) => {
    const value = (record[i] ?? "").trim();
    if (value === "") return;
    const t = tallies[i]!;
    t.filled += 1;
    if (DATE_ROLES.has(column.role)) {
      const parts = DAY_MONTH.exec(value);
      if (parts) {
        if (Number(parts[1]) > 12) t.dayFirst += 1;
        if (Number(parts[2]) > 12) t.monthFirst += 1;
      }
    }
    if (t.values === null || !KEEPS_VALUES.has(column.role)) return;
    if (value.length > MAX_LABEL_CHARS) { t.values = null; return; }
    t.values.set(value, (t.values.get(value) ?? 0) + 1);
    if (t.values.size > MAX_LABELS) t.values = null;
  });
  return 1;
}
