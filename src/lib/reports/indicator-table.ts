import type { CellSuppression } from "~/lib/stats/suppress";
import type { Estimate, FigureWeighting, IndicatorByWard, ReportedFigure } from "./indicator-by-ward";
import type { TableCell } from "./table-download";

const HEADER = ["area or ward", "ward code", "period", "numerator", "base", "percentage", "lower", "upper", "suppressed", "suppression reason", "change in points", "real change", "sources", "effective base", "weighted", "baseline period", "change from baseline in points", "real change from baseline"];

/**
 * An indicator's ward table as rows for a spreadsheet, the whole area first. It holds exactly
 * what the reader may see: a suppressed figure reaches a CSP member as empty cells with its flag,
 * never its numbers. CSV and XLSX exports both write these rows.
 *
 * A weighted figure has no numerator (its percentage is not numerator / base), its base is the
 * responses it was weighted from, and "weighted" says "yes" with anything left out; a figure a
 * weighted report could not weight says "not possible" and why, and has its unweighted numbers.
 * The two weighting columns, then the three baseline columns, come last, so that files read by
 * position before them still read.
 */
export function indicatorTable(report: IndicatorByWard): TableCell[][] {
  return [HEADER, figureRow(report, "Whole area", "", report.area), ...report.wards.map((w) => figureRow(report, w.ward.name, w.ward.gssCode, w))];
}

/** The overview's area table as rows for a spreadsheet: each indicator's whole-area figure, in indicatorTable's columns after the indicator's own. */
export function areaTable(reports: readonly IndicatorByWard[]): TableCell[][] {
  return [["indicator", "indicator key", ...HEADER], ...reports.map((report) => [report.indicator.title, report.indicator.key, ...figureRow(report, "Whole area", "", report.area)])];
}

function figureRow(report: IndicatorByWard, name: string, code: string, figure: ReportedFigure): TableCell[] {
  const e = figure.estimate;
  return [
    name, code, report.window.label, ...estimateCells(e, figure.suppression),
    figure.change ? Math.round(figure.change.difference * 1000) / 10 : null, figure.change ? (figure.change.isSignificant ? "yes" : "no") : "",
    figure.sources.join("; "),
    e?.weighting ? Math.round(e.weighting.effectiveBase * 10) / 10 : null, weightedCell(report.isWeighted, figure),
    report.baselineWindow?.label ?? "",
    figure.changeFromBaseline ? Math.round(figure.changeFromBaseline.difference * 1000) / 10 : null,
    figure.changeFromBaseline ? (figure.changeFromBaseline.isSignificant ? "yes" : "no") : "",
  ];
}

/**
 * A figure's numerator, base, percentage, interval and suppression flag and reason, as the
 * reader may see it: empty cells for a hidden figure, no numerator for a weighted one (its
 * percentage is not numerator / base).
 */
export function estimateCells(e: Estimate | null, suppression: CellSuppression): TableCell[] {
  const rounded = (value: number | undefined) => (value === undefined ? null : Math.round(value * 1000) / 10);
  return [
    e?.weighting ? null : (e?.numerator ?? null), e?.base ?? null, rounded(e?.estimate), rounded(e?.lower), rounded(e?.upper),
    suppression.isSuppressed ? "yes" : "no", suppression.reason ?? "",
  ];
}

/** The "weighted" column of a figure: "no" in an unweighted report, else whether and how it was weighted. */
export function weightedCell(isWeightedReport: boolean, figure: { weighting: FigureWeighting | null }): string {
  if (!isWeightedReport) return "no";
  const weighting = figure.weighting;
  if (weighting === null) return "";
  if (!weighting.isWeighted) return `not possible: ${weighting.reason}`;
  return ["yes", ...weighting.notes].join("; ");
}
