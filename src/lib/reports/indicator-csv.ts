import { CSV_LINE_END, csvLine } from "~/lib/csv/csv-cell";
import type { IndicatorByWard } from "./indicator-by-ward";
import { indicatorTable } from "./indicator-table";

/** An indicator's ward table as CSV for board papers; every text cell neutralised against formulas. */
export function indicatorCsv(report: IndicatorByWard): string {
  const lines = indicatorTable(report).map(csvLine);
  // A byte order mark so that Excel reads the file as UTF-8 (ward names, the en dash in labels).
  return `\uFEFF${lines.join(CSV_LINE_END)}${CSV_LINE_END}`;
}
