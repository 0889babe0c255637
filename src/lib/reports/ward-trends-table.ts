import type { CurrentWard } from "~/lib/geography/current-wards";
import { weightedCell } from "./indicator-table";
import type { TableCell } from "./table-download";
import type { WardTrends } from "./ward-trends";

const HEADER = ["indicator", "indicator key", "ward", "ward code", "period", "numerator", "base", "percentage", "lower", "upper", "suppressed", "suppression reason", "weighted"];

/**
 * A ward's trend tables as one sheet: every indicator's point for every window, oldest first, as
 * the ward page shows them. A point hidden from the reader is empty cells with its flag, never its
 * numbers; a weighted point has no numerator, as in indicatorTable.
 */
export function wardTrendsTable(ward: Pick<CurrentWard, "name" | "gssCode">, trends: WardTrends, isWeighted: boolean): TableCell[][] {
  const rounded = (value: number | undefined) => (value === undefined ? null : Math.round(value * 1000) / 10);
  return [
    HEADER,
    ...trends.indicators.flatMap((trend) =>
      trend.points.map((point) => {
        const e = point.estimate;
        return [
          trend.indicator.title, trend.indicator.key, ward.name, ward.gssCode, point.window.label,
          e?.weighting ? null : (e?.numerator ?? null), e?.base ?? null, rounded(e?.estimate), rounded(e?.lower), rounded(e?.upper),
          point.suppression.isSuppressed ? "yes" : "no", point.suppression.reason ?? "", weightedCell(isWeighted, point),
        ];
      }),
    ),
  ];
}
