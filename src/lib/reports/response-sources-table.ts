import type { ResponseSources, SourceCell } from "./response-sources";
import type { TableCell } from "./table-download";

const HEADER = ["area or ward", "ward code", "period", "source", "responses", "suppressed", "suppression reason"];

/**
 * The sources page's table as rows for a spreadsheet, one row per ward (the whole area first)
 * and source, then "All sources": the area's overall total for everyone, and each ward's only
 * where the page shows ward totals (to administrators). A hidden count is an empty cell with its
 * flag, as on the page.
 */
export function responseSourcesTable(table: ResponseSources): TableCell[][] {
  const row = (name: string, code: string, source: string, cell: SourceCell): TableCell[] =>
    [name, code, table.window.label, source, cell.responses, cell.suppression.isSuppressed ? "yes" : "no", cell.suppression.reason ?? ""];
  const unsuppressed = { isSuppressed: false, reason: null };
  return [
    HEADER,
    ...table.sources.map((source, s) => row("Whole area", "", source.label, table.area.cells[s]!)),
    ...(table.sources.length > 0 ? [row("Whole area", "", "All sources", table.area.total)] : []),
    ...table.wards.flatMap((w) => [
      ...table.sources.map((source, s) => row(w.ward.name, w.ward.gssCode, source.label, w.cells[s]!)),
      ...(table.showsWardTotals && w.total !== null ? [row(w.ward.name, w.ward.gssCode, "All sources", { responses: w.total, suppression: unsuppressed })] : []),
    ]),
  ];
}
