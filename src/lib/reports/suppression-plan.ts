import type { CurrentWard } from "~/lib/geography/current-wards";
import { LinkedTablesAudit, type LayerMask, type Unit } from "~/lib/stats/linked-tables-audit";
import { suppressCells, type CellSuppression } from "~/lib/stats/suppress";
import type { IndicatorCount } from "./indicator-counts";
import type { Period, ReportingWindow } from "./reporting-windows";
import type { WindowCell, WindowCells } from "./window-cells";

/**
 * The ways a report counts an indicator, each a sum of three layers of the responses: residents'
 * web survey (its answers are all worded the same), partners' answers worded the same, and
 * partners' "equivalent" answers. "own" is the web survey alone; "narrow" every source counting
 * answers worded the same; "wide" every source with "equivalent" answers too; the "partners"
 * ones the same without the web survey.
 */
export type Wording = "own" | "narrow" | "wide" | "partnersNarrow" | "partnersWide";
export const WORDINGS: readonly Wording[] = ["wide", "own", "narrow", "partnersWide", "partnersNarrow"];
/** One indicator's counts per ward and period, in each wording. */
export type WordedCounts = Record<Wording, readonly IndicatorCount[]>;
export type SuppressionPlan = {
  /** The cells of a window a report may ask for: a quarter, or a run of up to four quarters ending at one. */
  cells(window: ReportingWindow, wording: Wording): WindowCells;
};

/** A rolling estimate pools this many quarters (reporting-windows.ts). */
const ROLLING_QUARTERS = 4;
/** The layers a wording sums: 0 residents' own survey, 1 partners' answers worded the same, 2 partners' equivalent ones. */
const LAYERS = 3;
const MASKS: Record<Wording, LayerMask> = { own: 0b001, narrow: 0b011, wide: 0b111, partnersNarrow: 0b010, partnersWide: 0b110 };

type Tally = { numerator: number; base: number; sources: string[] };
const NONE: Tally = { numerator: 0, base: 0, sources: [] };

/**
 * Every suppression decision for one indicator, for every window any report can show: each
 * quarter and each rolling run of quarters, per ward and for the area, in every wording. Reports
 * read their cells from here, so the same figure is hidden the same way on every page, download
 * and chart, and the figures published across all of them together give no small figure away.
 *
 * Quarter by quarter, oldest first: the quarter's empty cells are marked (a reader can often tell
 * a ward was not surveyed), every figure ending at it of any set of layers, on more than none but
 * fewer responses than the threshold, is put under protection, then each window ending at it is
 * decided, the quarter before the rolling window: primary and complementary suppression within
 * the window's table (suppressCells), then each figure the table would publish, the area first
 * and the wards from the largest, is offered
 * to the audit of linked tables, which refuses any that would let a protected figure be worked
 * out from what is already out (the quarters of a rolling year, one wording less another, the
 * area less the other wards). A refused figure is hidden as complementary. A decision depends
 * only on the quarters up to its window's end, so it does not move when later quarters come in.
 *
 * `periods` are every reporting period, oldest first; `wards` fix the order. Pure.
 */
export function planSuppression(wards: readonly CurrentWard[], periods: readonly Period[], counts: WordedCounts, threshold: number): SuppressionPlan {
  const periodIndex = new Map(periods.map((p, i) => [p.id, i + 1]));
  const wardIndex = new Map(wards.map((w, i) => [w.id, i]));
  const grid = Object.fromEntries(WORDINGS.map((w) => [w, tallies(counts[w])])) as Record<Wording, Tally[][]>;
  function tallies(list: readonly IndicatorCount[]): Tally[][] {
    const table = wards.map(() => periods.map(() => NONE));
    for (const count of list) {
      const w = wardIndex.get(count.wardId);
      const t = periodIndex.get(count.periodId);
      if (w !== undefined && t !== undefined) table[w]![t - 1] = { numerator: count.numerator, base: count.base, sources: count.sources };
    }
    return table;
  }
  // Each layer's cell is one wording less the one inside it.
  const layerOf = (w: number, t: number): { numerator: number; base: number }[] => {
    const [own, narrow, wide] = [grid.own[w]![t - 1]!, grid.narrow[w]![t - 1]!, grid.wide[w]![t - 1]!];
    return [own, { numerator: narrow.numerator - own.numerator, base: narrow.base - own.base }, { numerator: wide.numerator - narrow.numerator, base: wide.base - narrow.base }];
  };

  // Quarters before the first with any count hold nothing to protect or publish: planning starts
  // at that one, and a window reaching back before it has the same cells as one starting there.
  const counted = (t: number) => wards.some((_, w) => layerOf(w, t).some((cell) => cell.base !== 0 || cell.numerator !== 0));
  let first = 1;
  while (first <= periods.length && !counted(first)) first++;
  const decisions = new Map<string, WindowCells>();
  if (wards.length > 0 && first <= periods.length) {
    const audit = new LinkedTablesAudit(wards.length, periods.length, LAYERS, Object.values(MASKS));
    const units: Unit[] = ["area", ...wards.keys()];
    const layers = periods.map((_, i) => wards.map((_, w) => layerOf(w, i + 1)));
    const layerTally = (unit: Unit, t: number) => (unit === "area" ? Array.from({ length: LAYERS }, (_, l) => layers[t - 1]!.reduce((s, cells) => ({ numerator: s.numerator + cells[l]!.numerator, base: s.base + cells[l]!.base }), { numerator: 0, base: 0 })) : layers[t - 1]![unit]!);
    for (let t = first; t <= periods.length; t++) {
      wards.forEach((_, w) => layers[t - 1]![w]!.forEach((cell, l) => {
        if (cell.base === 0 && cell.numerator === 0) audit.markEmpty(w, t, l);
      }));
      for (const unit of units) {
        const sums = Array.from({ length: LAYERS }, () => ({ numerator: 0, base: 0 }));
        for (let from = t; from >= first; from--) {
          layerTally(unit, from).forEach((cell, l) => {
            sums[l]!.numerator += cell.numerator;
            sums[l]!.base += cell.base;
          });
          for (let mask = 1; mask < 1 << LAYERS; mask++) {
            let [numerator, base] = [0, 0];
            for (let l = 0; l < LAYERS; l++) if (mask & (1 << l)) [numerator, base] = [numerator + sums[l]!.numerator, base + sums[l]!.base];
            if ((base !== 0 || numerator !== 0) && Math.abs(base) < threshold) audit.protect(unit, mask, from, t);
          }
        }
      }
      // The default wording first, as it is read most.
      for (const wording of WORDINGS) {
        for (const from of new Set([t, Math.max(first, t - ROLLING_QUARTERS + 1)])) {
          decisions.set(key(wording, from, t), decide(audit, MASKS[wording], from, t, wards.map((_, w) => pool(grid[wording][w]!.slice(from - 1, t))), threshold));
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
const HIDDEN_AS_COMPLEMENTARY: CellSuppression = { isSuppressed: true, reason: "complementary" };

/** A window's table: suppressCells, then each figure it would show offered to the audit, the area first and the wards from the largest. */
function decide(audit: LinkedTablesAudit, mask: LayerMask, from: number, to: number, wardTallies: Tally[], threshold: number): WindowCells {
  const cells = decideTable(wardTallies, threshold);
  if (!cells.area.suppression.isSuppressed && !audit.publish({ unit: "area", from, to }, mask)) cells.area.suppression = HIDDEN_AS_COMPLEMENTARY;
  const largestFirst = [...cells.wards.keys()].sort((a, b) => cells.wards[b]!.base - cells.wards[a]!.base || a - b);
  for (const w of largestFirst) {
    const cell = cells.wards[w]!;
    if (!cell.suppression.isSuppressed && !audit.publish({ unit: w, from, to }, mask)) cell.suppression = HIDDEN_AS_COMPLEMENTARY;
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
