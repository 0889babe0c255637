import type { Kysely } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { listCurrentWards, type CurrentWard } from "~/lib/geography/current-wards";
import { newcombeDifference, type DifferenceInterval } from "~/lib/stats/newcombe-difference";
import { suppressCells, type CellSuppression } from "~/lib/stats/suppress";
import { wilsonInterval } from "~/lib/stats/wilson-interval";
import { countIndicator, type IndicatorCount } from "./indicator-counts";
import type { IndicatorDefinition } from "./indicator-definition";
import type { ReportingWindow } from "./reporting-windows";

export type Estimate = { numerator: number; base: number; estimate: number; lower: number; upper: number };
/** A figure as a reader may see it: suppressed figures carry no numbers unless the reader may see them. */
export type ReportedFigure = {
  estimate: Estimate | null;
  suppression: CellSuppression;
  change: DifferenceInterval | null;
  previous: Estimate | null;
  sources: string[];
};
export type IndicatorByWard = {
  indicator: IndicatorDefinition;
  window: ReportingWindow;
  previousWindow: ReportingWindow | null;
  area: ReportedFigure;
  wards: (ReportedFigure & { ward: CurrentWard })[];
};
export type ReportOptions = {
  threshold: number;
  confidence: number;
  comparability: Comparability[];
  /** Administrators see suppressed figures, marked; everyone else sees none of their numbers. */
  canSeeSuppressed: boolean;
  onDate: string;
};

/**
 * One indicator for every ward and the whole area over a reporting window, with Wilson intervals
 * (Newcombe 1998a), change from the previous window with Newcombe's hybrid score interval (1998b,
 * method 10), and primary plus complementary suppression so that no hidden ward can be worked
 * out from the area total and the other wards.
 */
export async function indicatorByWard(
  db: Kysely<Database>,
  indicator: IndicatorDefinition,
  windows: { current: ReportingWindow; previous: ReportingWindow | null },
  options: ReportOptions,
): Promise<IndicatorByWard> {
  const filter = (window: ReportingWindow) => ({ periodIds: window.periods.map((p) => p.id), comparability: options.comparability });
  const [wards, currentCounts, previousCounts] = await Promise.all([
    listCurrentWards(db, options.onDate),
    countIndicator(db, indicator, filter(windows.current)),
    windows.previous ? countIndicator(db, indicator, filter(windows.previous)) : Promise.resolve([]),
  ]);
  const current = pool(wards, currentCounts);
  const previous = pool(wards, previousCounts);
  const currentSuppression = suppressCells(current.map((c) => c.base), { threshold: options.threshold });
  const previousSuppression = suppressCells(previous.map((c) => c.base), { threshold: options.threshold });

  const figure = (now: Pooled, before: Pooled, suppressedNow: CellSuppression, suppressedBefore: CellSuppression): ReportedFigure => {
    const estimate = now.base > 0 ? toEstimate(now, options.confidence) : null;
    const previousEstimate = before.base > 0 ? toEstimate(before, options.confidence) : null;
    const canCompare = estimate && previousEstimate && !suppressedNow.isSuppressed && !suppressedBefore.isSuppressed;
    const change = canCompare ? newcombeDifference({ successes: now.numerator, base: now.base }, { successes: before.numerator, base: before.base }, options.confidence) : null;
    const visible = !suppressedNow.isSuppressed || options.canSeeSuppressed;
    return {
      estimate: visible ? estimate : null,
      suppression: suppressedNow,
      previous: !suppressedBefore.isSuppressed || options.canSeeSuppressed ? previousEstimate : null,
      change: visible ? change : null,
      sources: visible ? now.sources : [],
    };
  };
  const total = (cells: Pooled[]): Pooled => ({
    numerator: cells.reduce((s, c) => s + c.numerator, 0),
    base: cells.reduce((s, c) => s + c.base, 0),
    sources: [...new Set(cells.flatMap((c) => c.sources))].sort(),
  });
  return {
    indicator,
    window: windows.current,
    previousWindow: windows.previous,
    area: figure(total(current), total(previous), currentSuppression.total!, previousSuppression.total!),
    wards: wards.map((ward, i) => ({ ward, ...figure(current[i]!, previous[i]!, currentSuppression.cells[i]!, previousSuppression.cells[i]!) })),
  };
}

type Pooled = { numerator: number; base: number; sources: string[] };

/** Sums each ward's counts over the window's periods, in the order of `wards`. */
function pool(wards: CurrentWard[], counts: IndicatorCount[]): Pooled[] {
  return wards.map((ward) => {
    const own = counts.filter((c) => c.wardId === ward.id);
    return {
      numerator: own.reduce((s, c) => s + c.numerator, 0),
      base: own.reduce((s, c) => s + c.base, 0),
      sources: [...new Set(own.flatMap((c) => c.sources))].sort(),
    };
  });
}

function toEstimate(cell: Pooled, confidence: number): Estimate {
  const interval = wilsonInterval(cell.numerator, cell.base, confidence);
  return { numerator: cell.numerator, base: cell.base, ...interval };
}
