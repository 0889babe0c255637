import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { listCurrentWards } from "~/lib/geography/current-wards";
import type { CellSuppression } from "~/lib/stats/suppress";
import { reportFigure, shownEstimate, shownWeighting, type Estimate, type FigureWeighting, type ReportedFigure } from "./indicator-by-ward";
import { countForReport } from "./report-counts";
import { listIndicatorDefinitions, type IndicatorDefinition } from "./indicator-definition";
import type { ReportRequest } from "./report-request";
import { periodIdsOf, windowsEndingAt, type Period, type Pooling, type ReportingWindow } from "./reporting-windows";
import { weighWardCell } from "./window-cells";

/** Two years of quarters: enough to see a season come round twice. */
export const TREND_LENGTH = 8;

export type TrendPoint = { window: ReportingWindow; estimate: Estimate | null; suppression: CellSuppression; weighting: FigureWeighting | null };
export type IndicatorTrend = {
  indicator: IndicatorDefinition;
  /** The chosen window against the one before it, exactly as the area table shows this ward. */
  current: ReportedFigure;
  /** Oldest first, ending with the chosen window. */
  points: TrendPoint[];
};
export type WardTrends = { windows: ReportingWindow[]; indicators: IndicatorTrend[] };

/**
 * Every indicator's series for one ward over the last `length` reporting windows ending at the
 * report's period (or from the period the reader chose): quarters, or rolling four-quarter windows (which overlap, so neighbouring
 * points share responses and are not independent; change is only ever tested between the
 * non-overlapping windows of the report request).
 *
 * Each window's cells come from the indicator's suppression plan, the same decision the area tables read,
 * so a ward hidden there (as too small, or as the complementary cell protecting a smaller one)
 * is hidden at that point of its trend too.
 * Returns null when the ward is not one of the wards in force on the report's date.
 */
export async function wardTrends(db: Kysely<Database>, wardId: number, request: ReportRequest, length = TREND_LENGTH): Promise<WardTrends | null> {
  const { options } = request;
  const wards = await listCurrentWards(db, options.onDate);
  const index = wards.findIndex((w) => w.id === wardId);
  if (index === -1) return null;
  const windows = trendWindows(request.periods, request.periodId, request.pooling, length, request.trendFromId);
  const previous = request.windows.previous;
  const periodIds = periodIdsOf([...windows, previous, request.windows.baseline]);
  // Standard indicators first, then the CSP's own, as on the overview.
  const indicators = (await listIndicatorDefinitions(db)).sort((a, b) => Number(b.isNational) - Number(a.isNational));
  const { cellsOf, weighting } = await countForReport(db, indicators, { periodIds, comparability: options.comparability, sources: options.sources }, wards, options);
  const noWindow: ReportingWindow = { label: "", periods: [] };
  return {
    windows,
    indicators: indicators.map((indicator) => {
      // Suppression is decided across every ward; only this ward's figure is weighted.
      const cellOf = (window: ReportingWindow) => weighWardCell(cellsOf(indicator.id, window).wards[index]!, weighting, indicator.id, wardId, window);
      const points = windows.map((window) => {
        const cell = cellOf(window);
        return { window, estimate: shownEstimate(cell, options), suppression: cell.suppression, weighting: shownWeighting(cell, options) };
      });
      return { indicator, current: reportFigure(cellOf(request.windows.current), cellOf(previous ?? noWindow), options, request.windows.baseline ? cellOf(request.windows.baseline) : undefined), points };
    }),
  };
}

/**
 * The windows a trend shows, oldest first, ending at `periodId`: one ending at each period from
 * `fromId` when the reader chose where to start, else the last `length` (fewer when the periods
 * run out).
 */
export function trendWindows(periods: Period[], periodId: number, pooling: Pooling, length: number, fromId?: number): ReportingWindow[] {
  const end = periods.findIndex((p) => p.id === periodId);
  if (end === -1) return [];
  const start = fromId === undefined ? Math.max(0, end - length + 1) : periods.findIndex((p) => p.id === fromId);
  if (start === -1 || start > end) return [];
  return periods.slice(start, end + 1).map((p) => windowsEndingAt(periods, p.id, pooling)!.current);
}
