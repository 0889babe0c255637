import type { CurrentWard } from "~/lib/geography/current-wards";
import { suppressCells, type CellSuppression } from "~/lib/stats/suppress";
import type { IndicatorCount } from "./indicator-counts";
import type { ReportingWindow } from "./reporting-windows";
import type { CellWeighting, ReportWeighting } from "./report-weighting";

/**
 * One ward's (or the area's) counts over a window, and whether they may be shown. In a weighted
 * report, `weighting` is what weighting made of it (null when there is nothing to weigh); in an
 * unweighted report it is absent.
 */
export type WindowCell = { numerator: number; base: number; sources: string[]; suppression: CellSuppression; weighting?: CellWeighting | null };
export type WindowCells = { area: WindowCell; wards: WindowCell[] };

/**
 * The one suppression decision for an indicator over a reporting window: each ward's counts are
 * pooled over the window's periods, then primary and complementary suppression run across all
 * the wards with the area total published (suppressCells). The area table, a ward's trend, the
 * CSV and the charts all read this decision, so a ward hidden in one is hidden in every other;
 * deciding it again per ward would miss the complementary cells, which depend on the other wards.
 *
 * `wards` fixes the order (and so which cell wins a tie for the complementary choice); `counts`
 * may hold other periods, which are ignored. Pure: no database, no clock.
 */
export function decideWindow(wards: readonly CurrentWard[], counts: readonly IndicatorCount[], window: ReportingWindow, threshold: number): WindowCells {
  const periodIds = new Set(window.periods.map((p) => p.id));
  const byWard = new Map<number, IndicatorCount[]>();
  for (const count of counts) {
    if (!periodIds.has(count.periodId)) continue;
    byWard.set(count.wardId, [...(byWard.get(count.wardId) ?? []), count]);
  }
  const pooled = wards.map((ward) => pool(byWard.get(ward.id) ?? []));
  const decision = suppressCells(pooled.map((c) => c.base), { threshold });
  return {
    area: { ...pool(pooled), suppression: decision.total! },
    wards: pooled.map((cell, i) => ({ ...cell, suppression: decision.cells[i]! })),
  };
}

function pool(cells: readonly { numerator: number; base: number; sources: string[] }[]): Omit<WindowCell, "suppression"> {
  return {
    numerator: cells.reduce((s, c) => s + c.numerator, 0),
    base: cells.reduce((s, c) => s + c.base, 0),
    sources: [...new Set(cells.flatMap((c) => c.sources))].sort(),
  };
}

/**
 * The window's cells with their weighted figures added, when the report is weighted. Suppression
 * is not touched: it stays decided on the unweighted bases (DOMAIN.md), so a weighted view hides
 * exactly what the unweighted one hides.
 */
export function weighWindow(cells: WindowCells, weighting: ReportWeighting | null, indicatorId: number, wards: readonly CurrentWard[], window: ReportingWindow): WindowCells {
  if (weighting === null) return cells;
  return {
    area: weighAreaCell(cells.area, weighting, indicatorId, window),
    wards: cells.wards.map((cell, i) => weighWardCell(cell, weighting, indicatorId, wards[i]!.id, window)),
  };
}

/** weighWindow for the area's cell alone (the area's trend needs no ward figure). */
export function weighAreaCell(cell: WindowCell, weighting: ReportWeighting | null, indicatorId: number, window: ReportingWindow): WindowCell {
  if (weighting === null) return cell;
  return { ...cell, weighting: cell.base > 0 ? weighting.area(indicatorId, window) : null };
}

/** weighWindow for one ward's cell alone (a ward's trend needs no area figure). */
export function weighWardCell(cell: WindowCell, weighting: ReportWeighting | null, indicatorId: number, wardId: number, window: ReportingWindow): WindowCell {
  if (weighting === null) return cell;
  return { ...cell, weighting: cell.base > 0 ? weighting.ward(indicatorId, wardId, window) : null };
}
