import type { CurrentWard } from "~/lib/geography/current-wards";
import { LinkedTablesAudit, type Unit, type Wording } from "~/lib/stats/linked-tables-audit";
import { suppressCells, type CellSuppression } from "~/lib/stats/suppress";
import type { IndicatorCount } from "./indicator-counts";
import type { Period, ReportingWindow } from "./reporting-windows";
import type { WindowCell, WindowCells } from "./window-cells";

/** One indicator's counts per ward and period, counting "same" answers only (narrow) and "same" and "equivalent" ones (wide). */
export type WordedCounts = Record<Wording, readonly IndicatorCount[]>;
export type SuppressionPlan = {
  /** The cells of a window a report may ask for: a quarter, or a run of up to four quarters ending at one. */
  cells(window: ReportingWindow, wording: Wording): WindowCells;
};

/** A rolling estimate pools this many quarters (reporting-windows.ts). */
const ROLLING_QUARTERS = 4;

type Tally = { numerator: number; base: number; sources: string[] };
const NONE: Tally = { numerator: 0, base: 0, sources: [] };

/**
 * Every suppression decision for one indicator, for every window any report can show: each
 * quarter and each rolling run of quarters, per ward and for the area, in both wordings. Reports
 * read their cells from here, so the same figure is hidden the same way on every page, download
 * and chart, and the figures published across all of them together give no small figure away.
 *
 * Quarter by quarter, oldest first: the quarter's empty cells are marked (a reader can often tell
 * a ward was not surveyed), every figure ending at it on more than none but fewer responses than
 * the threshold is put under protection, then each window ending at it is decided: primary and
 * complementary suppression within the window's table (suppressCells), then each figure the
 * table would publish, the area first and the wards from the largest, is offered to the audit of
 * linked tables, which refuses any that would let a protected figure be worked out from what is
 * already out (the quarters of a rolling year, a wide figure less a narrow one, the area less the
 * other wards). A refused figure is hidden as complementary. A decision depends only on the
 * quarters up to its window's end, so it does not move when later quarters come in.
 *
 * `periods` are every reporting period, oldest first; `wards` fix the order. Pure.
 */
export function planSuppression(wards: readonly CurrentWard[], periods: readonly Period[], counts: WordedCounts, threshold: number): SuppressionPlan {
  const periodIndex = new Map(periods.map((p, i) => [p.id, i + 1]));
  const wardIndex = new Map(wards.map((w, i) => [w.id, i]));
  const grid = { narrow: tallies(counts.narrow), wide: tallies(counts.wide) };
  function tallies(list: readonly IndicatorCount[]): Tally[][] {
    const table = wards.map(() => periods.map(() => NONE));
    for (const count of list) {
      const w = wardIndex.get(count.wardId);
      const t = periodIndex.get(count.periodId);
      if (w !== undefined && t !== undefined) table[w]![t - 1] = { numerator: count.numerator, base: count.base, sources: count.sources };
    }
    return table;
  }

  // Quarters before the first with any count hold nothing to protect or publish: planning starts
  // at that one, and a window reaching back before it has the same cells as one starting there.
  const counted = (t: number) => grid.wide.some((row) => row[t - 1]!.base > 0) || grid.narrow.some((row) => row[t - 1]!.base > 0);
  let first = 1;
  while (first <= periods.length && !counted(first)) first++;
  const decisions = new Map<string, WindowCells>();
  if (wards.length > 0 && first <= periods.length) {
    const audit = new LinkedTablesAudit(wards.length, periods.length);
    const units: Unit[] = ["area", ...wards.keys()];
    const areaTallies = { narrow: periods.map((_, i) => pool(grid.narrow.map((row) => row[i]!))), wide: periods.map((_, i) => pool(grid.wide.map((row) => row[i]!))) };
    const tally = (wording: Wording, unit: Unit, t: number): Tally => (unit === "area" ? areaTallies[wording][t - 1]! : grid[wording][unit]![t - 1]!);
    for (let t = first; t <= periods.length; t++) {
      wards.forEach((_, w) => {
        const [narrow, wide] = [grid.narrow[w]![t - 1]!, grid.wide[w]![t - 1]!];
        if (narrow.base === 0) audit.markEmpty(w, t, "same");
        if (wide.base === narrow.base && wide.numerator === narrow.numerator) audit.markEmpty(w, t, "equivalent");
      });
      for (const unit of units) {
        const sum = { narrow: { ...NONE }, wide: { ...NONE } };
        for (let from = t; from >= first; from--) {
          for (const wording of ["narrow", "wide"] as const) {
            const cell = tally(wording, unit, from);
            sum[wording].base += cell.base;
            sum[wording].numerator += cell.numerator;
          }
          if (isSmall(sum.narrow.base, threshold)) audit.protect(unit, "narrow", from, t);
          if (isSmall(sum.wide.base, threshold)) audit.protect(unit, "wide", from, t);
          const difference = { base: sum.wide.base - sum.narrow.base, numerator: sum.wide.numerator - sum.narrow.numerator };
          if ((difference.base !== 0 || difference.numerator !== 0) && Math.abs(difference.base) < threshold) audit.protect(unit, "difference", from, t);
        }
      }
      for (const wording of ["wide", "narrow"] as const) {
        for (const from of new Set([t, Math.max(first, t - ROLLING_QUARTERS + 1)])) {
          decisions.set(key(wording, from, t), decide(audit, wording, from, t, wards.map((_, w) => pool(grid[wording][w]!.slice(from - 1, t))), threshold));
        }
      }
    }
  }

  return {
    cells(window, wording) {
      if (window.periods.length === 0) return decideTable(wards.map(() => NONE), threshold);
      const from = periodIndex.get(window.periods[0]!.id);
      const to = periodIndex.get(window.periods.at(-1)!.id);
      if (from === undefined || to === undefined || to - from + 1 !== window.periods.length) throw new Error(`planSuppression: the window ${window.label} is not a run of reporting periods`);
      if (to < first) return decideTable(wards.map(() => NONE), threshold);
      const decided = decisions.get(key(wording, Math.max(from, first), to));
      if (decided === undefined) throw new Error(`planSuppression: no decision for the window ${window.label}: a report asked for a window no report shows`);
      return decided;
    },
  };
}

const key = (wording: Wording, from: number, to: number) => `${wording}:${from}:${to}`;
const isSmall = (base: number, threshold: number) => base > 0 && base < threshold;
const HIDDEN_AS_COMPLEMENTARY: CellSuppression = { isSuppressed: true, reason: "complementary" };

/** A window's table: suppressCells, then each figure it would show offered to the audit, the area first and the wards from the largest. */
function decide(audit: LinkedTablesAudit, wording: Wording, from: number, to: number, wardTallies: Tally[], threshold: number): WindowCells {
  const cells = decideTable(wardTallies, threshold);
  if (!cells.area.suppression.isSuppressed && !audit.publish({ unit: "area", from, to }, wording)) cells.area.suppression = HIDDEN_AS_COMPLEMENTARY;
  const largestFirst = [...cells.wards.keys()].sort((a, b) => cells.wards[b]!.base - cells.wards[a]!.base || a - b);
  for (const w of largestFirst) {
    const cell = cells.wards[w]!;
    if (!cell.suppression.isSuppressed && !audit.publish({ unit: w, from, to }, wording)) cell.suppression = HIDDEN_AS_COMPLEMENTARY;
  }
  return cells;
}

function decideTable(wardTallies: readonly Tally[], threshold: number): WindowCells {
  const decision = suppressCells(wardTallies.map((c) => c.base), { threshold });
  return {
    area: { ...pool(wardTallies), suppression: decision.total! },
    wards: wardTallies.map((cell, i): WindowCell => ({ ...cell, suppression: decision.cells[i]! })),
  };
}

function pool(cells: readonly Tally[]): Tally {
  return {
    numerator: cells.reduce((s, c) => s + c.numerator, 0),
    base: cells.reduce((s, c) => s + c.base, 0),
    sources: [...new Set(cells.flatMap((c) => c.sources))].sort(),
  };
}
