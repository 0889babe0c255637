import type { CurrentWard } from "~/lib/geography/current-wards";
import { estimateCells, weightedCell } from "./indicator-table";
import type { TableCell } from "./table-download";
import type { WardTrends } from "./ward-trends";

const HEADER = ["indicator", "indicator key", "ward", "ward code", "period", "numerator", "base", "percentage", "lower", "upper", "suppressed", "suppression reason", "weighted"];

/**
 * A ward's trend tables as one sheet: every indicator's point for every window, oldest first, as
 * the ward page shows them. A point hidden from the reader is empty cells with its flag, never its
 * numbers; a weighted point has no numerator, as in indicatorTable.
 */
export function wardTrendsTable(ward: Pick<CurrentWard, "name" | "gssCode">, trends: WardTrends, isWeighted: boolean): TableCell[][] {
  return [
    HEADER,
    ...trends.indicators.flatMap((trend) =>
      trend.points.map((point) => [
        trend.indicator.title, trend.indicator.key, ward.name, ward.gssCode, point.window.label,
        ...estimateCells(point.estimate, point.suppression), weightedCell(isWeighted, point),
      ]),
    ),
  ];
}
