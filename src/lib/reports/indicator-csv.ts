import { CSV_LINE_END, csvLine } from "~/lib/csv/csv-cell";
import type { IndicatorByWard, ReportedFigure } from "./indicator-by-ward";

const HEADER = ["area or ward", "ward code", "period", "numerator", "base", "percentage", "lower", "upper", "suppressed", "suppression reason", "change in points", "real change", "sources"];

/**
 * An indicator's ward table as CSV for board papers. It holds exactly what the reader may see:
 * a suppressed figure reaches a CSP member as an empty cell with its flag, never its numbers.
 * Every text cell is neutralised against spreadsheet formulas.
 */
export function indicatorCsv(report: IndicatorByWard): string {
  const row = (name: string, code: string, figure: ReportedFigure) => {
    const e = figure.estimate;
    const rounded = (value: number | undefined) => (value === undefined ? null : Math.round(value * 1000) / 10);
    return csvLine([
      name, code, report.window.label, e?.numerator, e?.base, rounded(e?.estimate), rounded(e?.lower), rounded(e?.upper),
      figure.suppression.isSuppressed ? "yes" : "no", figure.suppression.reason ?? "",
      figure.change ? Math.round(figure.change.difference * 1000) / 10 : null, figure.change ? (figure.change.isSignificant ? "yes" : "no") : "",
      figure.sources.join("; "),
    ]);
  };
  const lines = [csvLine(HEADER), row("Whole area", "", report.area), ...report.wards.map((w) => row(w.ward.name, w.ward.gssCode, w))];
  // A byte order mark so that Excel reads the file as UTF-8 (ward names, the en dash in labels).
  return `\uFEFF${lines.join(CSV_LINE_END)}${CSV_LINE_END}`;
}
