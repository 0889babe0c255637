import { describe, expect, it } from "vitest";
import type { IndicatorCount } from "~/lib/reports/indicator-counts";
import type { Period, ReportingWindow } from "~/lib/reports/reporting-windows";
import { planSuppression } from "~/lib/reports/suppression-plan";
import { RowSpace } from "../../support/row-space";
import { random } from "../../support/random";

const THRESHOLD = 30;
const wardsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 100 + i, gssCode: `E0599990${i}`, name: `Ward ${i}`, nameCy: null }));
const periodsOf = (n: number): Period[] => Array.from({ length: n }, (_, i) => ({ id: 10 + i, label: `Q${i + 1}`, startsOn: `2025-${String(1 + i).padStart(2, "0")}-01` }));
const windowOf = (periods: Period[], from: number, to: number): ReportingWindow => ({ label: `${from}-${to}`, periods: periods.slice(from - 1, to) });

describe("the suppression plan", () => {
  it("hides a rolling year whose other quarters are out, and says it is complementary", () => {
    const wards = wardsOf(2);
    const periods = periodsOf(4);
    const count = (ward: number, period: number, base: number): IndicatorCount => ({ indicatorId: 1, wardId: wards[ward]!.id, periodId: periods[period]!.id, numerator: Math.floor(base / 2), base, sources: ["Web"] });
    // Ward 0: 20 in Q1 (hidden), then 40 a quarter; ward 1 large throughout.
    const counts = [count(0, 0, 20), count(0, 1, 40), count(0, 2, 40), count(0, 3, 40), ...[0, 1, 2, 3].map((q) => count(1, q, 200))];
    const plan = planSuppression(wards, periods, { own: counts, narrow: counts, wide: counts, partnersNarrow: [], partnersWide: [] }, THRESHOLD);
    const ward = (from: number, to: number) => plan.cells(windowOf(periods, from, to), "wide").wards[0]!;
    expect(ward(1, 1).suppression).toEqual({ isSuppressed: true, reason: "below_threshold" });
    // Each quarter is decided before the rolling window that ends with it.
    for (const q of [2, 3, 4]) expect(ward(q, q).suppression.isSuppressed).toBe(false);
    expect(ward(1, 4).suppression).toEqual({ isSuppressed: true, reason: "complementary" });
    // The numbers stay with the hidden cell, for administrators.
    expect(ward(1, 4)).toMatchObject({ base: 140, numerator: 70, sources: ["Web"] });
  });

  it("gives a window before any count empty, suppressed cells, and refuses a window that is not a run of periods", () => {
    const wards = wardsOf(2);
    const periods = periodsOf(3);
    const plan = planSuppression(wards, periods, { own: [], narrow: [], wide: [], partnersNarrow: [], partnersWide: [] }, THRESHOLD);
    expect(plan.cells(windowOf(periods, 1, 2), "narrow").area).toMatchObject({ base: 0, suppression: { isSuppressed: true } });
    expect(plan.cells({ label: "none", periods: [] }, "wide").wards.every((w) => w.base === 0 && w.suppression.isSuppressed)).toBe(true);
    expect(() => plan.cells({ label: "gap", periods: [periods[0]!, periods[2]!] }, "wide")).toThrow(/not a run/);
  });

  it("publishes nothing, over 200 random areas and every window and wording, from which a small figure can be worked out", () => {
    let shown = 0;
    let cells = 0;
    const wordings = [["own", 0b001], ["narrow", 0b011], ["wide", 0b111], ["partnersNarrow", 0b010], ["partnersWide", 0b110]] as const;
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const wardCount = 2 + Math.floor(next() * 3);
      const periodCount = 3 + Math.floor(next() * 5);
      const wards = wardsOf(wardCount);
      const periods = periodsOf(periodCount);
      const sizes = [0, 0, 4, 12, 25, 40, 80];
      const pick = () => sizes[Math.floor(next() * sizes.length)]!;
      // Layers per ward and quarter: the web survey, partners' "same" answers, their "equivalent"
      // ones; now and then the last is negative (an equivalent answer that takes a resident out
      // of the base), as real indicators can.
      const table = wards.map(() => periods.map(() => {
        const [web, same] = [pick(), pick()];
        return [web, same, next() < 0.1 ? -Math.min(same, 3) : pick()];
      }));
      const countsOf = (mask: number) => table.flatMap((row, w) => row.flatMap((layers, q) => {
        const base = layers.reduce((s, n, l) => s + (mask & (1 << l) ? n : 0), 0);
        return base === 0 ? [] : [{ indicatorId: 1, wardId: wards[w]!.id, periodId: periods[q]!.id, numerator: Math.floor(base / 3), base, sources: ["Web"] }];
      }));
      const plan = planSuppression(wards, periods, { own: countsOf(0b001), narrow: countsOf(0b011), wide: countsOf(0b111), partnersNarrow: countsOf(0b010), partnersWide: countsOf(0b110) }, THRESHOLD);

      const size = wardCount * periodCount * 3;
      const vector = (unit: number | "area", mask: number, from: number, to: number) => {
        const v = Array.from({ length: size }, () => 0);
        for (const w of unit === "area" ? [...wards.keys()] : [unit]) for (let q = from; q <= to; q++) for (let l = 0; l < 3; l++) if (mask & (1 << l)) v[(w * periodCount + q - 1) * 3 + l] = 1;
        return v;
      };
      const known = new RowSpace(size);
      // The reader is taken to know which layers are empty (the numerators follow the bases here).
      table.forEach((row, w) => row.forEach((layers, q) => layers.forEach((n, l) => {
        const numeratorOf = (mask: number) => Math.floor(layers.reduce((s, m, k) => s + (mask & (1 << k) ? m : 0), 0) / 3);
        const numerator = l === 0 ? numeratorOf(1) : l === 1 ? numeratorOf(3) - numeratorOf(1) : numeratorOf(7) - numeratorOf(3);
        if (n === 0 && numerator === 0) known.add(vector(w, 1 << l, q + 1, q + 1));
      })));
      for (let t = 1; t <= periodCount; t++) {
        for (const from of new Set([t, Math.max(1, t - 3)])) {
          for (const [wording, mask] of wordings) {
            const decided = plan.cells(windowOf(periods, from, t), wording);
            const figures: [number | "area", typeof decided.area][] = [["area", decided.area], ...decided.wards.map((c, w): [number, typeof c] => [w, c])];
            for (const [unit, cell] of figures) {
              cells++;
              if (cell.suppression.isSuppressed) continue;
              shown++;
              expect(cell.base).toBeGreaterThanOrEqual(THRESHOLD);
              known.add(vector(unit, mask, from, t));
            }
          }
        }
      }
      for (const unit of ["area" as const, ...wards.keys()]) {
        for (let from = 1; from <= periodCount; from++) {
          for (let to = from; to <= periodCount; to++) {
            for (let mask = 1; mask < 8; mask++) {
              const base = (unit === "area" ? table : [table[unit]!]).reduce((s, row) => s + row.slice(from - 1, to).reduce((a, layers) => a + layers.reduce((b, n, l) => b + (mask & (1 << l) ? n : 0), 0), 0), 0);
              if (base !== 0 && Math.abs(base) < THRESHOLD) expect(known.contains(vector(unit, mask, from, to)), `seed ${seed}: layers ${mask} of ${unit} ${from}-${to}`).toBe(false);
            }
          }
        }
      }
    }
    // A plan that hid everything would pass the checks above.
    expect(shown / cells).toBeGreaterThan(0.2);
  });
});
