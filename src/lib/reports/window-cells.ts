import type { CurrentWard } from "~/lib/geography/current-wards";
import type { CellSuppression } from "~/lib/stats/suppress";
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
