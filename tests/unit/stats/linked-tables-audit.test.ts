import { describe, expect, it } from "vitest";
import { LinkedTablesAudit, type LayerMask, type Unit } from "~/lib/stats/linked-tables-audit";
import { RowSpace } from "../../support/row-space";
import { random } from "../../support/random";

const THRESHOLD = 50;
type Cells = { same: number; equivalent: number }[][];
// Two layers: "same" answers (bit 0) and "equivalent" ones (bit 1). Narrow figures count the
// first, wide ones both; the difference is the second alone.
type FigureKind = "narrow" | "wide" | "difference";
type Wording = "narrow" | "wide";
const MASK: Record<FigureKind, LayerMask> = { narrow: 0b01, wide: 0b11, difference: 0b10 };

/**
 * A little area: counts per ward and period of "same" and "equivalent" answers, the figures a
 * reader holds as vectors over those cells, and the exact oracle of what they give away.
 */
class Area {
  readonly audit: LinkedTablesAudit;
  readonly known: RowSpace;
  private readonly sensitive: { unit: Unit; kind: FigureKind; from: number; to: number }[] = [];
  constructor(readonly cells: Cells) {
    this.audit = new LinkedTablesAudit(cells.length, cells[0]!.length, 2, [MASK.narrow, MASK.wide]);
    this.known = new RowSpace(cells.length * cells[0]!.length * 2);
  }
  get wards() { return this.cells.length; }
  get periods() { return this.cells[0]!.length; }

  vector(unit: Unit, kind: FigureKind, from: number, to: number): number[] {
    const vector = Array.from({ length: this.wards * this.periods * 2 }, () => 0);
    const wards = unit === "area" ? [...Array(this.wards).keys()] : [unit];
    for (const w of wards) {
      for (let p = from; p <= to; p++) {
        if (kind !== "difference") vector[(w * this.periods + p - 1) * 2] = 1;
        if (kind !== "narrow") vector[(w * this.periods + p - 1) * 2 + 1] = 1;
      }
    }
    return vector;
  }
  base(unit: Unit, kind: FigureKind, from: number, to: number): number {
    const wards = unit === "area" ? [...Array(this.wards).keys()] : [unit];
    let sum = 0;
    for (const w of wards) for (let p = from; p <= to; p++) sum += (kind !== "difference" ? this.cells[w]![p - 1]!.same : 0) + (kind !== "narrow" ? this.cells[w]![p - 1]!.equivalent : 0);
    return sum;
  }

  /** What a report does as period t opens: marks the empty cells, then protects every small figure ending at t. */
  open(t: number): void {
    for (let w = 0; w < this.wards; w++) {
      for (const layer of ["same", "equivalent"] as const) {
        if (this.cells[w]![t - 1]![layer] !== 0) continue;
        this.audit.markEmpty(w, t, layer === "same" ? 0 : 1);
        this.known.add(this.vector(w, layer === "same" ? "narrow" : "difference", t, t));
      }
    }
    for (const unit of ["area" as const, ...Array(this.wards).keys()]) {
      for (let from = 1; from <= t; from++) {
        for (const kind of ["narrow", "wide", "difference"] as const) {
          const base = this.base(unit, kind, from, t);
          if (base > 0 && base < THRESHOLD) {
            this.audit.protect(unit, MASK[kind], from, t);
            this.sensitive.push({ unit, kind, from, to: t });
          }
        }
      }
    }
  }

  publish(unit: Unit, wording: Wording, from: number, to: number): boolean {
    const isPublished = this.audit.publish({ unit, from, to }, MASK[wording]);
    if (isPublished) this.known.add(this.vector(unit, wording, from, to));
    return isPublished;
  }

  /** The small figures a reader can now work out exactly (there must be none). */
  disclosed(): string[] {
    return this.sensitive.filter((s) => this.known.contains(this.vector(s.unit, s.kind, s.from, s.to))).map((s) => `${s.kind} ${s.unit} ${s.from}-${s.to}`);
  }
}

const narrowOnly = (...bases: number[][]): Cells => bases.map((ward) => ward.map((same) => ({ same, equivalent: 0 })));

describe("linked tables audit: hand-made attacks", () => {
  it("refuses the rolling year whose other three quarters are published (the year minus them gives the fourth)", () => {
    const area = new Area(narrowOnly([40, 60, 60, 60], [100, 100, 100, 100]));
    for (let t = 1; t <= 4; t++) area.open(t);
    expect([2, 3, 4].map((q) => area.publish(0, "narrow", q, q))).toEqual([true, true, true]);
    expect(area.publish(0, "narrow", 1, 4)).toBe(false);
    expect(area.disclosed()).toEqual([]);
  });

  it("refuses the last ward once the area total and the other wards are out", () => {
    const area = new Area(narrowOnly([20], [60], [70]));
    area.open(1);
    expect(area.publish("area", "narrow", 1, 1)).toBe(true);
    expect(area.publish(1, "narrow", 1, 1)).toBe(true);
    expect(area.publish(2, "narrow", 1, 1)).toBe(false);
    expect(area.disclosed()).toEqual([]);
  });

  it("refuses a wide figure that differs from the published narrow one by a few equivalent answers", () => {
    const area = new Area([[{ same: 60, equivalent: 10 }], [{ same: 90, equivalent: 90 }]]);
    area.open(1);
    expect(area.publish(0, "narrow", 1, 1)).toBe(true);
    expect(area.publish(0, "wide", 1, 1)).toBe(false);
    // The other ward's equivalent answers are many: both its figures may stand.
    expect(area.publish(1, "narrow", 1, 1)).toBe(true);
    expect(area.publish(1, "wide", 1, 1)).toBe(true);
    expect(area.disclosed()).toEqual([]);
  });

  it("refuses overlapping rolling windows that start from an empty quarter and differ by one small quarter", () => {
    // Surveying began in quarter 2: the window to quarter 4 is quarters 2-4, and the window to 5 adds quarter 5 only.
    const area = new Area(narrowOnly([0, 60, 60, 60, 30], [100, 100, 100, 100, 100]));
    for (let t = 1; t <= 4; t++) area.open(t);
    expect(area.publish(0, "narrow", 1, 4)).toBe(true);
    area.open(5);
    expect(area.publish(0, "narrow", 2, 5)).toBe(false);
    expect(area.disclosed()).toEqual([]);
  });

  it("sees a ward given away across wordings and the area: the area's wide total, less the others' wide figures, less its own narrow one", () => {
    const area = new Area([[{ same: 60, equivalent: 20 }], [{ same: 100, equivalent: 100 }]]);
    area.open(1);
    expect(area.publish("area", "wide", 1, 1)).toBe(true);
    expect(area.publish(0, "narrow", 1, 1)).toBe(true);
    expect(area.publish("area", "narrow", 1, 1)).toBe(true);
    // Area wide - area narrow = both wards' equivalent answers, and area narrow - ward 0 = ward 1's
    // narrow figure; so ward 1's wide figure would give its equivalent answers, and ward 0's 20 with them.
    expect(area.publish(1, "wide", 1, 1)).toBe(false);
    expect(area.publish(1, "narrow", 1, 1)).toBe(true);
    expect(area.disclosed()).toEqual([]);
  });

  it("publishes everything when every figure is large, so it protects by refusing only what it must", () => {
    const area = new Area(Array.from({ length: 3 }, () => Array.from({ length: 6 }, () => ({ same: 80, equivalent: 70 }))));
    let refused = 0;
    for (let t = 1; t <= 6; t++) {
      area.open(t);
      for (const unit of ["area" as const, 0, 1, 2]) {
        for (const wording of ["wide", "narrow"] as const) {
          for (const from of new Set([t, Math.max(1, t - 3)])) if (!area.publish(unit, wording, from, t)) refused++;
        }
      }
    }
    expect(refused).toBe(0);
  });

  it("throws for a ward or a run of periods it does not have", () => {
    const audit = new LinkedTablesAudit(2, 4, 2, [MASK.narrow, MASK.wide]);
    expect(() => audit.publish({ unit: 2, from: 1, to: 1 }, MASK.narrow)).toThrow(/no ward 2/);
    expect(() => audit.publish({ unit: 0, from: 3, to: 2 }, MASK.narrow)).toThrow(/not a run/);
    expect(() => audit.publish({ unit: 0, from: 1, to: 1 }, 0b100)).toThrow(/no set of layers/);
    expect(() => audit.markEmpty(0, 5, 0)).toThrow(/not a run/);
    expect(() => audit.markEmpty(0, 1, 2)).toThrow(/no set of layers/);
    expect(() => new LinkedTablesAudit(0, 4, 2, [MASK.narrow])).toThrow(RangeError);
  });
});

describe("linked tables audit against the exact oracle", () => {
  it("never lets a small figure be worked out, whatever is asked to be published, over 300 random areas", () => {
    let published = 0;
    let asked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const pick = <T,>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
      const wards = 2 + Math.floor(next() * 3);
      const periods = 3 + Math.floor(next() * 4);
      const sizes = [0, 0, 5, 20, 35, 60, 120];
      const cells: Cells = Array.from({ length: wards }, () => Array.from({ length: periods }, () => ({ same: pick(sizes), equivalent: pick(sizes) })));
      const area = new Area(cells);
      for (let t = 1; t <= periods; t++) {
        area.open(t);
        for (let attempt = 0; attempt < 3 * (wards + 1); attempt++) {
          const from = 1 + Math.floor(next() * t);
          asked++;
          if (area.publish(pick(["area" as const, ...Array(wards).keys()]), pick(["narrow", "wide"] as const), from, t)) published++;
        }
      }
      expect(area.disclosed(), `seed ${seed}`).toEqual([]);
    }
    // A test that refused everything would pass the line above: it must publish a fair share.
    expect(published / asked).toBeGreaterThan(0.3);
  });
});

describe("linked tables audit with three layers, against the exact oracle", () => {
  it("never lets a small figure of any set of layers be worked out from web-only, every-source and partner-only figures, over 200 random areas", () => {
    // Layers: the web survey (bit 0), partners' "same" answers (bit 1), their "equivalent" ones
    // (bit 2); published as a report does: the web survey, every source, and partners alone.
    const published = [0b001, 0b011, 0b111, 0b010, 0b110];
    let shown = 0;
    let asked = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(1000 + seed);
      const pick = <T,>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
      const wards = 2 + Math.floor(next() * 3);
      const periods = 3 + Math.floor(next() * 3);
      const sizes = [0, 0, 5, 20, 35, 60, 120];
      const cells = Array.from({ length: wards }, () => Array.from({ length: periods }, () => [pick(sizes), pick(sizes), pick(sizes)]));
      const audit = new LinkedTablesAudit(wards, periods, 3, published);
      const size = wards * periods * 3;
      const vector = (unit: Unit, mask: LayerMask, from: number, to: number) => {
        const v = Array.from({ length: size }, () => 0);
        for (const w of unit === "area" ? [...Array(wards).keys()] : [unit]) for (let q = from; q <= to; q++) for (let l = 0; l < 3; l++) if (mask & (1 << l)) v[(w * periods + q - 1) * 3 + l] = 1;
        return v;
      };
      const base = (unit: Unit, mask: LayerMask, from: number, to: number) =>
        (unit === "area" ? [...Array(wards).keys()] : [unit]).reduce((s, w) => s + cells[w]!.slice(from - 1, to).reduce((a, c) => a + c.reduce((b, n, l) => b + (mask & (1 << l) ? n : 0), 0), 0), 0);
      const known = new RowSpace(size);
      const sensitive: number[][] = [];
      for (let t = 1; t <= periods; t++) {
        for (let w = 0; w < wards; w++) for (let l = 0; l < 3; l++) if (cells[w]![t - 1]![l] === 0) {
          audit.markEmpty(w, t, l);
          known.add(vector(w, 1 << l, t, t));
        }
        for (const unit of ["area" as const, ...Array(wards).keys()]) for (let from = 1; from <= t; from++) for (let mask = 1; mask < 8; mask++) {
          const b = base(unit, mask, from, t);
          if (b > 0 && b < THRESHOLD) {
            audit.protect(unit, mask, from, t);
            sensitive.push(vector(unit, mask, from, t));
          }
        }
        for (let attempt = 0; attempt < 4 * (wards + 1); attempt++) {
          const unit = pick(["area" as const, ...Array(wards).keys()]);
          const mask = pick(published);
          const from = 1 + Math.floor(next() * t);
          asked++;
          if (audit.publish({ unit, from, to: t }, mask)) {
            shown++;
            known.add(vector(unit, mask, from, t));
          }
        }
      }
      expect(sensitive.filter((v) => known.contains(v)), `seed ${seed}`).toEqual([]);
    }
    expect(shown / asked).toBeGreaterThan(0.3);
  });
});
