import { writeXlsx } from "~/lib/xlsx/write-xlsx";
import type { IndicatorByWard } from "./indicator-by-ward";
import { indicatorTable } from "./indicator-table";

/** An indicator's ward table as an Excel workbook: the same cells as the CSV, numbers as numbers. */
export function indicatorXlsx(report: IndicatorByWard): Uint8Array {
  return writeXlsx([{ name: report.indicator.title, rows: indicatorTable(report) }]);
}
