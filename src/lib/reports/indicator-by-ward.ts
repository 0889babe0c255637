import type { Kysely } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { listCurrentWards, type CurrentWard } from "~/lib/geography/current-wards";
import { newcombeDifference, type DifferenceInterval } from "~/lib/stats/newcombe-difference";
import type { CellSuppression } from "~/lib/stats/suppress";
import { twoProportionTest } from "~/lib/stats/two-proportion-test";
import { wilsonInterval } from "~/lib/stats/wilson-interval";
import type { Count } from "~/lib/stats/count";
import type { IndicatorDefinition } from "./indicator-definition";
import { countForReport } from "./report-counts";
import { periodIdsOf, type ReportingWindow } from "./reporting-windows";
import { weighWindow, type WindowCell } from "./window-cells";

/**
 * A figure with its interval. A weighted one has `weighting`: its estimate and interval are
 * weighted, `base` is the responses it was weighted from and `numerator` how many of them said
 * yes (so estimate is not numerator / base), and the interval is on the effective base.
 */
export type Estimate = {
  numerator: number;
  base: number;
  estimate: number;
  lower: number;
  upper: number;
  weighting?: { effectiveBase: number; designEffect: number };
};
/** In a weighted report: whether this figure is weighted, with what it leaves out, or why it could not be. */
export type FigureWeighting = { isWeighted: true; notes: string[] } | { isWeighted: false; reason: string };
/** A change between windows: Newcombe's interval says whether it is real; the p-value feeds the false discovery rate. */
export type Change = DifferenceInterval & { pValue: number };
/** A figure as a reader may see it: suppressed figures carry no numbers unless the reader may see them. */
export type ReportedFigure = {
  estimate: Estimate | null;
  suppression: CellSuppression;
  change: Change | null;
  previous: Estimate | null;
  /** Against the baseline window the reader chose, when they chose one (null otherwise, or when either figure is hidden). */
  changeFromBaseline: Change | null;
  baseline: Estimate | null;
  sources: string[];
  /** Null in an unweighted report, and for a figure this reader may not see. */
  weighting: FigureWeighting | null;
};
export type IndicatorByWard = {
  indicator: IndicatorDefinition;
  /** Whether the report was asked to weight its figures (each figure's `weighting` says whether it could). */
  isWeighted: boolean;
  window: ReportingWindow;
  previousWindow: ReportingWindow | null;
  baselineWindow: ReportingWindow | null;
  area: ReportedFigure;
  wards: (ReportedFigure & { ward: CurrentWard })[];
};
/** Every source, residents' web survey alone, or partners' surveys and returns alone. */
export type SourcesChoice = "all" | "web" | "partners";
export type ReportOptions = {
  threshold: number;
  confidence: number;
  comparability: Comparability[];
  /** Every source (the default), residents' web survey alone, or partners alone. */
  sources?: SourcesChoice;
  /** Administrators see suppressed figures, marked; everyone else sees none of their numbers. */
  canSeeSuppressed: boolean;
  onDate: string;
  /** Weight figures to each ward's population by age band and sex (rim weighting); off when absent. */
  isWeighted?: boolean;
};
/** The window figures are for, the one before it, and the baseline the reader chose to compare with (if any). */
export type ReportWindows = { current: ReportingWindow; previous: ReportingWindow | null; baseline?: ReportingWindow | null };

/**
 * One indicator for every ward and the whole area over a reporting window, with Wilson intervals
 * (Newcombe 1998a), change from the previous window with Newcombe's hybrid score interval (1998b,
 * method 10), and from a chosen baseline window the same way, and suppression from the indicator's
 * plan (suppression-plan.ts), so that no hidden ward can be worked out from the area total and the
 * other wards, nor from the other windows and wordings any report publishes.
 */
export async function indicatorByWard(db: Kysely<Database>, indicator: IndicatorDefinition, windows: ReportWindows, options: ReportOptions): Promise<IndicatorByWard> {
  return (await indicatorsByWard(db, [indicator], windows, options))[0]!;
}

/** indicatorByWard for several indicators, counted in one query; in the order given. */
export async function indicatorsByWard(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], windows: ReportWindows, options: ReportOptions): Promise<IndicatorByWard[]> {
  const periodIds = periodIdsOf([windows.current, windows.previous, windows.baseline]);
  const wards = await listCurrentWards(db, options.onDate);
  const { cellsOf, weighting } = await countForReport(db, indicators, { periodIds, comparability: options.comparability, sources: options.sources }, wards, options);
  // A first window has nothing before it: every ward then has an empty, suppressed previous cell.
  const noWindow: ReportingWindow = { label: "", periods: [] };
  return indicators.map((indicator) => {
    const cells = (window: ReportingWindow) => weighWindow(cellsOf(indicator.id, window), weighting, indicator.id, wards, window);
    const current = cells(windows.current);
    const previous = cells(windows.previous ?? noWindow);
    const baseline = windows.baseline ? cells(windows.baseline) : null;
    return {
      indicator,
      isWeighted: options.isWeighted === true,
      window: windows.current,
      previousWindow: windows.previous,
      baselineWindow: windows.baseline ?? null,
      area: reportFigure(current.area, previous.area, options, baseline?.area),
      wards: wards.map((ward, i) => ({ ward, ...reportFigure(current.wards[i]!, previous.wards[i]!, options, baseline?.wards[i]) })),
    };
  });
}

/**
 * What a reader may see of one cell, given the cell of the window before it (and of the chosen
 * baseline window, if any). A change is worked out only between two unsuppressed cells, whoever
 * reads, so the set of changes tested (and the false discovery rate over them) is the same for a
 * CSP member and an administrator.
 */
export function reportFigure(now: WindowCell, before: WindowCell, options: ShownOptions, baseline?: WindowCell): ReportedFigure {
  const visible = isShown(now, options);
  return {
    estimate: shownEstimate(now, options),
    suppression: now.suppression,
    previous: shownEstimate(before, options),
    change: visible ? changeBetween(now, before, options.confidence) : null,
    baseline: baseline ? shownEstimate(baseline, options) : null,
    changeFromBaseline: visible && baseline ? changeBetween(now, baseline, options.confidence) : null,
    sources: visible ? now.sources : [],
    weighting: visible ? figureWeighting(now) : null,
  };
}

/** Newcombe's interval and the two-proportion test between two windows' cells, or null when either is hidden or empty. */
function changeBetween(now: WindowCell, before: WindowCell, confidence: number): Change | null {
  // Weighted figures are compared on their effective counts (DOMAIN.md: the effective base in
  // every interval and test); a weighted figure is never set against an unweighted one.
  const isComparable = now.base > 0 && before.base > 0 && !now.suppression.isSuppressed && !before.suppression.isSuppressed && isWeighted(now) === isWeighted(before);
  if (!isComparable) return null;
  const first = countOf(now);
  const second = countOf(before);
  return { ...newcombeDifference(first, second, confidence), pValue: twoProportionTest(first, second).pValue };
}

const isWeighted = (cell: WindowCell) => cell.weighting?.isWeighted === true;

/** The count a change is tested on: the responses, or for a weighted figure its effective count. */
function countOf(cell: WindowCell): Count {
  const weighting = cell.weighting;
  if (weighting?.isWeighted) return { successes: Math.min(weighting.effectiveBase, weighting.estimate * weighting.effectiveBase), base: weighting.effectiveBase };
  return { successes: cell.numerator, base: cell.base };
}

function figureWeighting(cell: WindowCell): FigureWeighting | null {
  const weighting = cell.weighting;
  if (!weighting) return null;
  if (!weighting.isWeighted) return { isWeighted: false, reason: weighting.reason };
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
  const notes = [
    ...(weighting.withoutClass > 0 ? [`${plural(weighting.withoutClass, "response", "responses")} without age band or sex left out`] : []),
    ...(weighting.fromCounts > 0 ? [`${plural(weighting.fromCounts, "answer", "answers")} counted in aggregate returns left out: counts cannot be weighted`] : []),
  ];
  return { isWeighted: true, notes };
}

type ShownOptions = Pick<ReportOptions, "confidence" | "canSeeSuppressed">;
const isShown = (cell: WindowCell, options: ShownOptions) => !cell.suppression.isSuppressed || options.canSeeSuppressed;

/** A cell's estimate if this reader may see it and there is one (null for no responses). */
export function shownEstimate(cell: WindowCell, options: ShownOptions): Estimate | null {
  if (cell.base === 0 || !isShown(cell, options)) return null;
  const weighting = cell.weighting;
  if (weighting?.isWeighted) {
    const { numerator, base, estimate, lower, upper, effectiveBase, designEffect } = weighting;
    return { numerator, base, estimate, lower, upper, weighting: { effectiveBase, designEffect } };
  }
  return toEstimate(cell, options.confidence);
}

/** A figure's weighting as a reader may see it, for a cell not built by reportFigure (a trend's point). */
export function shownWeighting(cell: WindowCell, options: ShownOptions): FigureWeighting | null {
  return isShown(cell, options) ? figureWeighting(cell) : null;
}

export function toEstimate(cell: { numerator: number; base: number }, confidence: number): Estimate {
  const interval = wilsonInterval(cell.numerator, cell.base, confidence);
  return { numerator: cell.numerator, base: cell.base, ...interval };
}
