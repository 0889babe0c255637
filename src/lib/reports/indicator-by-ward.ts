import type { Kysely } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { listCurrentWards, type CurrentWard } from "~/lib/geography/current-wards";
import { newcombeDifference, type DifferenceInterval } from "~/lib/stats/newcombe-difference";
import type { CellSuppression } from "~/lib/stats/suppress";
import { twoProportionTest } from "~/lib/stats/two-proportion-test";
import { wilsonInterval } from "~/lib/stats/wilson-interval";
import { countIndicators, type IndicatorCount } from "./indicator-counts";
import type { IndicatorDefinition } from "./indicator-definition";
import type { ReportingWindow } from "./reporting-windows";
import { decideWindow, type WindowCell } from "./window-cells";

export type Estimate = { numerator: number; base: number; estimate: number; lower: number; upper: number };
/** A change between windows: Newcombe's interval says whether it is real; the p-value feeds the false discovery rate. */
export type Change = DifferenceInterval & { pValue: number };
/** A figure as a reader may see it: suppressed figures carry no numbers unless the reader may see them. */
export type ReportedFigure = {
  estimate: Estimate | null;
  suppression: CellSuppression;
  change: Change | null;
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
export type ReportWindows = { current: ReportingWindow; previous: ReportingWindow | null };

/**
 * One indicator for every ward and the whole area over a reporting window, with Wilson intervals
 * (Newcombe 1998a), change from the previous window with Newcombe's hybrid score interval (1998b,
 * method 10), and primary plus complementary suppression so that no hidden ward can be worked
 * out from the area total and the other wards.
 */
export async function indicatorByWard(db: Kysely<Database>, indicator: IndicatorDefinition, windows: ReportWindows, options: ReportOptions): Promise<IndicatorByWard> {
  return (await indicatorsByWard(db, [indicator], windows, options))[0]!;
}

/** indicatorByWard for several indicators, counted in one query; in the order given. */
export async function indicatorsByWard(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], windows: ReportWindows, options: ReportOptions): Promise<IndicatorByWard[]> {
  const periodIds = [...windows.current.periods, ...(windows.previous?.periods ?? [])].map((p) => p.id);
  const wards = await listCurrentWards(db, options.onDate);
  const counts = groupByIndicator(await countIndicators(db, indicators, { periodIds, comparability: options.comparability }));
  // A first window has nothing before it: every ward then has an empty, suppressed previous cell.
  const noWindow: ReportingWindow = { label: "", periods: [] };
  return indicators.map((indicator) => {
    const own = counts.get(indicator.id) ?? [];
    const current = decideWindow(wards, own, windows.current, options.threshold);
    const previous = decideWindow(wards, own, windows.previous ?? noWindow, options.threshold);
    return {
      indicator,
      window: windows.current,
      previousWindow: windows.previous,
      area: reportFigure(current.area, previous.area, options),
      wards: wards.map((ward, i) => ({ ward, ...reportFigure(current.wards[i]!, previous.wards[i]!, options) })),
    };
  });
}

export function groupByIndicator(counts: readonly IndicatorCount[]): Map<number, IndicatorCount[]> {
  const grouped = new Map<number, IndicatorCount[]>();
  for (const count of counts) {
    const list = grouped.get(count.indicatorId);
    if (list) list.push(count);
    else grouped.set(count.indicatorId, [count]);
  }
  return grouped;
}

/**
 * What a reader may see of one cell, given the cell of the window before it. A change is worked
 * out only between two unsuppressed cells, whoever reads, so the set of changes tested (and the
 * false discovery rate over them) is the same for a CSP member and an administrator.
 */
export function reportFigure(now: WindowCell, before: WindowCell, options: ShownOptions): ReportedFigure {
  const canCompare = now.base > 0 && before.base > 0 && !now.suppression.isSuppressed && !before.suppression.isSuppressed;
  const first = { successes: now.numerator, base: now.base };
  const second = { successes: before.numerator, base: before.base };
  const change = canCompare ? { ...newcombeDifference(first, second, options.confidence), pValue: twoProportionTest(first, second).pValue } : null;
  const visible = isShown(now, options);
  return {
    estimate: shownEstimate(now, options),
    suppression: now.suppression,
    previous: shownEstimate(before, options),
    change: visible ? change : null,
    sources: visible ? now.sources : [],
  };
}

type ShownOptions = Pick<ReportOptions, "confidence" | "canSeeSuppressed">;
const isShown = (cell: WindowCell, options: ShownOptions) => !cell.suppression.isSuppressed || options.canSeeSuppressed;

/** A cell's estimate if this reader may see it and there is one (null for no responses). */
export function shownEstimate(cell: WindowCell, options: ShownOptions): Estimate | null {
  return cell.base > 0 && isShown(cell, options) ? toEstimate(cell, options.confidence) : null;
}

export function toEstimate(cell: { numerator: number; base: number }, confidence: number): Estimate {
  const interval = wilsonInterval(cell.numerator, cell.base, confidence);
  return { numerator: cell.numerator, base: cell.base, ...interval };
}
