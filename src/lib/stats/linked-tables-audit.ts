/**
 * The audit for disclosure by differencing between linked tables: a report publishes the same
 * indicator per ward and for the whole area, for single quarters and for rolling runs of
 * quarters, counting "same" answers only (narrow) or "same" and "equivalent" answers (wide). A
 * reader holding several of those figures can add and subtract them: the rolling year minus
 * three published quarters gives the fourth, the wide figure minus the narrow one gives the
 * equivalent answers alone, the area minus the other wards gives the last ward. The audit keeps
 * track of what has been published and refuses a figure that would let any "sensitive" figure
 * (one ward's, or the area's, over a run of quarters, narrow, wide or their difference, on more
 * than none but fewer responses than the threshold) be worked out exactly by any such sums.
 *
 * How, exactly and fast. Every published figure is a sum over consecutive quarters of one unit
 * and layer set, so it is a difference of running totals: the figure over quarters a..b is
 * P(b) - P(a-1). A reader can work out a figure exactly when its vector lies in the span of the
 * published ones (Hundepool et al., "Statistical Disclosure Control", Wiley, 2012, ch. 5 on
 * linked tables). Rather than reduce a matrix, the audit projects the figures onto small graphs
 * on the running-total nodes 0..L, one per way of weighting the wards' "same" (S) and
 * "equivalent" (E) layers with +1, -1 or 0 that turns every published figure into one edge (or
 * nothing): the S layer of one ward; its E layer; one ward's S minus its E (which cancels its
 * wide figures and the area's wide ones); one ward's S minus another's (which cancels the
 * area's), and so on. In a projection a published figure over a..b is the edge (a-1, b), and an
 * edge sum can only give the potential difference between two nodes that are connected, so a
 * sensitive figure whose ends are not connected in one projection where it does not vanish
 * cannot be in the span: it is protected. Each projection is a union-find. The test is sound
 * (what it calls protected is), and conservative: a figure it cannot prove protected is refused,
 * which only ever hides more.
 *
 * A cell the reader can tell is empty (a ward with no "same" answers in a quarter) is an
 * equation too, and is marked as such. Protection here is exact non-derivability: bounds a
 * reader could put on a hidden figure (it is at least 0, at most the published total) are not
 * audited, nor sums of quarters that are not consecutive.
 */
export type Unit = number | "area";
/** Narrow counts "same" answers only; wide counts "same" and "equivalent" ones. */
export type Wording = "narrow" | "wide";
/** A sensitive figure may be a narrow or wide one, or the difference between them (the equivalent answers alone). */
export type FigureKind = Wording | "difference";
export type Layer = "same" | "equivalent";
/** A figure of one unit over periods `from` to `to` (1-based, inclusive). */
export type Figure = { unit: Unit; from: number; to: number };

/** Many small union-finds over the nodes 0..size - 1, one per projection, in one array. */
class UnionFinds {
  private readonly parent: Int32Array;
  constructor(count: number, private readonly size: number) {
    this.parent = new Int32Array(count * size);
    for (let i = 0; i < this.parent.length; i++) this.parent[i] = i % size;
  }
  find(graph: number, node: number): number {
    const base = graph * this.size;
    let root = node;
    while (this.parent[base + root] !== root) root = this.parent[base + root]!;
    while (this.parent[base + node] !== root) {
      const next = this.parent[base + node]!;
      this.parent[base + node] = root;
      node = next;
    }
    return root;
  }
  connected(graph: number, a: number, b: number): boolean {
    return this.find(graph, a) === this.find(graph, b);
  }
  /** Whether a and b would be connected once the edge (u, v) is added. */
  connectedWith(graph: number, a: number, b: number, u: number, v: number): boolean {
    const [ra, rb, ru, rv] = [this.find(graph, a), this.find(graph, b), this.find(graph, u), this.find(graph, v)];
    return ra === rb || (ra === ru && rv === rb) || (ra === rv && ru === rb);
  }
  union(graph: number, a: number, b: number): void {
    this.parent[graph * this.size + this.find(graph, a)] = this.find(graph, b);
  }
}

type Sensitive = { unit: Unit; kind: FigureKind; from: number; to: number; candidates: readonly number[]; protector: number };
const KINDS: readonly FigureKind[] = ["narrow", "wide", "difference"];

export class LinkedTablesAudit {
  private readonly graphs: UnionFinds;
  private readonly sensitive: Sensitive[] = [];
  private readonly sensitiveIndex = new Map<number, number>();
  private readonly protecting: Set<number>[];
  /** Per unit (wards, then the area) and kind: the projections its published figure is an edge in, and those that can protect its sensitive figure. */
  private readonly edges: (readonly number[])[][];
  private readonly candidates: (readonly number[])[][];
  /** The latest period any published or protected figure ends at. */
  private reach = 0;

  /** `wards` is how many wards there are (units 0 to wards - 1); `periods` how many quarters (1 to periods). */
  constructor(private readonly wards: number, private readonly periods: number) {
    if (!Number.isInteger(wards) || wards < 1) throw new RangeError(`LinkedTablesAudit: wards must be a whole number of at least 1, got ${wards}`);
    if (!Number.isInteger(periods) || periods < 1) throw new RangeError(`LinkedTablesAudit: periods must be a whole number of at least 1, got ${periods}`);
    const pairs = (wards * (wards - 1)) / 2;
    const count = 3 * wards + 3 * pairs;
    this.graphs = new UnionFinds(count, periods + 1);
    this.protecting = Array.from({ length: count }, () => new Set());
    const units: Unit[] = [...Array.from({ length: wards }, (_, i) => i), "area"];
    this.edges = units.map((unit) => KINDS.map((kind) => (unit === "area" && kind === "difference" ? [] : this.graphsOfEdge(unit, kind))));
    this.candidates = units.map((unit) => KINDS.map((kind) => this.candidatesOf(unit, kind)));
  }

  /** Records that the reader can tell a ward had no answers of this layer in a period. */
  markEmpty(ward: number, period: number, layer: Layer): void {
    this.checkFigure({ unit: ward, from: period, to: period });
    const changed = this.edgesOf(ward, layer === "same" ? "narrow" : "difference").filter((g) => !this.graphs.connected(g, period - 1, period));
    for (const graph of changed) this.graphs.union(graph, period - 1, period);
    // A mark in a period no figure reaches yet (as a report marks a quarter's empty cells before
    // anything of it) joins a node no figure ends at to the one before, and breaks no protection;
    // marked out of that order it may, and protection is then sought anew.
    if (period > this.reach) return;
    for (const graph of changed) {
      for (const id of [...this.protecting[graph]!]) {
        const figure = this.sensitive[id]!;
        if (!this.isProtectedBy(figure, graph)) this.reprotect(id);
      }
    }
  }

  /** Asks that this figure never be derivable. Throws if it is derivable already: publish checks kept it from being. */
  protect(unit: Unit, kind: FigureKind, from: number, to: number): void {
    this.checkFigure({ unit, from, to });
    const unitIndex = unit === "area" ? this.wards : unit;
    const key = ((unitIndex * 3 + KINDS.indexOf(kind)) * (this.periods + 1) + from) * (this.periods + 1) + to;
    if (this.sensitiveIndex.has(key)) return;
    const id = this.sensitive.push({ unit, kind, from, to, candidates: this.candidates[unitIndex]![KINDS.indexOf(kind)]!, protector: -1 }) - 1;
    this.sensitiveIndex.set(key, id);
    this.reach = Math.max(this.reach, to);
    this.reprotect(id);
  }

  /**
   * Publishes a figure if that leaves every sensitive figure underivable, and says whether it
   * did. A refused figure changes nothing: the caller hides it.
   */
  publish(figure: Figure, wording: Wording): boolean {
    this.checkFigure(figure);
    this.reach = Math.max(this.reach, figure.to);
    const [u, v] = [figure.from - 1, figure.to];
    const changed = new Set(this.edgesOf(figure.unit, wording).filter((g) => !this.graphs.connected(g, u, v)));
    if (changed.size === 0) return true;
    const isProtectedAfter = (s: Sensitive, graph: number) =>
      changed.has(graph) ? !this.graphs.connectedWith(graph, s.from - 1, s.to, u, v) : !this.graphs.connected(graph, s.from - 1, s.to);
    const moves: [number, number][] = [];
    for (const graph of changed) {
      for (const id of this.protecting[graph]!) {
        const s = this.sensitive[id]!;
        if (isProtectedAfter(s, graph)) continue;
        const next = s.candidates.find((g) => isProtectedAfter(s, g));
        if (next === undefined) return false;
        moves.push([id, next]);
      }
    }
    for (const graph of changed) this.graphs.union(graph, u, v);
    for (const [id, next] of moves) this.moveProtector(id, next);
    return true;
  }

  private reprotect(id: number): void {
    const figure = this.sensitive[id]!;
    const next = figure.candidates.find((g) => this.isProtectedBy(figure, g));
    if (next === undefined) throw new Error(`LinkedTablesAudit: the ${figure.kind} figure of ${figure.unit} over periods ${figure.from}-${figure.to} can be worked out already`);
    this.moveProtector(id, next);
  }

  private moveProtector(id: number, graph: number): void {
    const figure = this.sensitive[id]!;
    if (figure.protector !== -1) this.protecting[figure.protector]!.delete(id);
    figure.protector = graph;
    this.protecting[graph]!.add(id);
  }

  private isProtectedBy(figure: Sensitive, graph: number): boolean {
    return graph !== -1 && !this.graphs.connected(graph, figure.from - 1, figure.to);
  }

  private edgesOf(unit: Unit, kind: FigureKind): readonly number[] {
    if (unit === "area" && kind === "difference") throw new Error("LinkedTablesAudit: the area's equivalent answers are never published alone");
    return this.edges[unit === "area" ? this.wards : unit]![KINDS.indexOf(kind)]!;
  }

  // The projections, numbered: per ward, S alone, E alone, S minus E ("cross"); per pair of
  // wards A < B, A's S minus B's, A's E minus B's, and A's (S - E) minus B's ("quad").
  private soloSame = (w: number) => 3 * w;
  private soloEquivalent = (w: number) => 3 * w + 1;
  private cross = (w: number) => 3 * w + 2;
  private pair(a: number, b: number): number {
    const [low, high] = a < b ? [a, b] : [b, a];
    return 3 * this.wards + 3 * (low * this.wards - (low * (low + 1)) / 2 + (high - low - 1));
  }
  private pairSame = (a: number, b: number) => this.pair(a, b);
  private pairEquivalent = (a: number, b: number) => this.pair(a, b) + 1;
  private quad = (a: number, b: number) => this.pair(a, b) + 2;

  private others(ward: number): number[] {
    return Array.from({ length: this.wards }, (_, i) => i).filter((i) => i !== ward);
  }
  private everyWard(): number[] {
    return Array.from({ length: this.wards }, (_, i) => i);
  }

  /**
   * The projections in which a published figure (or an empty layer: narrow for S, difference for
   * E) of this unit is an edge rather than nothing.
   */
  private graphsOfEdge(unit: Unit, kind: FigureKind): number[] {
    if (unit === "area") {
      if (kind === "narrow") return this.everyWard().flatMap((w) => [this.soloSame(w), this.cross(w)]);
      return this.everyWard().flatMap((w) => [this.soloSame(w), this.soloEquivalent(w)]);
    }
    const others = this.others(unit);
    if (kind === "narrow") return [this.soloSame(unit), this.cross(unit), ...others.flatMap((o) => [this.pairSame(unit, o), this.quad(unit, o)])];
    if (kind === "wide") return [this.soloSame(unit), this.soloEquivalent(unit), ...others.flatMap((o) => [this.pairSame(unit, o), this.pairEquivalent(unit, o)])];
    return [this.soloEquivalent(unit), this.cross(unit), ...others.flatMap((o) => [this.pairEquivalent(unit, o), this.quad(unit, o)])];
  }

  /** The projections in which a sensitive figure does not vanish: those that can protect it. */
  private candidatesOf(unit: Unit, kind: FigureKind): number[] {
    if (unit === "area") {
      const ways = { narrow: [this.soloSame, this.cross], wide: [this.soloSame, this.soloEquivalent], difference: [this.soloEquivalent, this.cross] }[kind];
      return this.everyWard().flatMap((w) => ways.map((way) => way(w)));
    }
    return this.graphsOfEdge(unit, kind);
  }

  private checkFigure({ unit, from, to }: Figure): void {
    if (unit !== "area" && !(Number.isInteger(unit) && unit >= 0 && unit < this.wards)) throw new RangeError(`LinkedTablesAudit: no ward ${unit} among ${this.wards}`);
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 1 && from <= to && to <= this.periods)) {
      throw new RangeError(`LinkedTablesAudit: periods ${from}-${to} are not a run within 1-${this.periods}`);
    }
  }
}
