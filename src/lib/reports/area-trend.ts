import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { CurrentWard } from "~/lib/geography/current-wards";
import { reportFigure, shownEstimate, shownWeighting } from "./indicator-by-ward";
import type { IndicatorDefinition } from "./indicator-definition";
import { countForReport } from "./report-counts";
import type { ReportRequest } from "./report-request";
import { periodIdsOf, type ReportingWindow } from "./reporting-windows";
import { weighAreaCell } from "./window-cells";
import type { IndicatorTrend } from "./ward-trends";

/**
 * One indicator's series for the whole area over the given windows, each point the area cell of
 * the indicator's suppression plan (the decision the overview's area table reads), weighted as the overview weights
 * it when the report is weighted. So the area figure shown beside recorded crime is the one the
 * overview shows for that window, hidden by the same rule (rarely, as the area pools every ward).
 * `wards` are the wards in force on the report's date, in listCurrentWards order, as the
 * overview has them: the complementary choice depends on the order.
 */
export async function areaTrend(db: Kysely<Database>, indicator: IndicatorDefinition, request: ReportRequest, wards: readonly CurrentWard[], windows: readonly ReportingWindow[]): Promise<IndicatorTrend> {
  const { options } = request;
  const previous = request.windows.previous;
  const periodIds = periodIdsOf([...windows, request.windows.current, previous, request.windows.baseline]);
  const { cellsOf, weighting } = await countForReport(db, [indicator], { periodIds, comparability: options.comparability, sources: options.sources }, wards, options);
  const cellOf = (window: ReportingWindow) => weighAreaCell(cellsOf(indicator.id, window).area, weighting, indicator.id, window);
  const noWindow: ReportingWindow = { label: "", periods: [] };
  return {
    indicator,
    current: reportFigure(cellOf(request.windows.current), cellOf(previous ?? noWindow), options, request.windows.baseline ? cellOf(request.windows.baseline) : undefined),
    points: windows.map((window) => {
      const cell = cellOf(window);
      return { window, estimate: shownEstimate(cell, options), suppression: cell.suppression, weighting: shownWeighting(cell, options) };
    }),
  };
}
