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

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(node: number): number {
    let root = node;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[node] !== root) {
      const next = this.parent[node]!;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
  connected(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }
  /** Whether a and b would be connected once the edge (u, v) is added. */
  connectedWith(a: number, b: number, u: number, v: number): boolean {
    return this.connected(a, b) || (this.connected(a, u) && this.connected(v, b)) || (this.connected(a, v) && this.connected(u, b));
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

type Sensitive = { unit: Unit; kind: FigureKind; from: number; to: number; protector: number };

export class LinkedTablesAudit {
  private readonly graphs: UnionFind[];
  private readonly sensitive = new Map<string, Sensitive>();
  private readonly protecting = new Map<number, Set<string>>();

  /** `wards` is how many wards there are (units 0 to wards - 1); `periods` how many quarters (1 to periods). */
  constructor(private readonly wards: number, private readonly periods: number) {
    if (!Number.isInteger(wards) || wards < 1) throw new RangeError(`LinkedTablesAudit: wards must be a whole number of at least 1, got ${wards}`);
    if (!Number.isInteger(periods) || periods < 1) throw new RangeError(`LinkedTablesAudit: periods must be a whole number of at least 1, got ${periods}`);
    const pairs = (wards * (wards - 1)) / 2;
    this.graphs = Array.from({ length: 3 * wards + 3 * pairs }, () => new UnionFind(periods + 1));
  }

  /** Records that the reader can tell a ward had no answers of this layer in a period. */
  markEmpty(ward: number, period: number, layer: Layer): void {
    this.checkFigure({ unit: ward, from: period, to: period });
    const changed = this.graphsOfEdge(ward, layer === "same" ? "narrow" : "difference").filter((g) => !this.graphs[g]!.connected(period - 1, period));
    for (const graph of changed) this.graphs[graph]!.union(period - 1, period);
    // A mark in period t, made before anything of t is published, joins node t to t - 1 alone and
    // so breaks no protection; marked out of that order it may, and protection is then sought anew.
    for (const graph of changed) {
      for (const key of [...(this.protecting.get(graph) ?? [])]) {
        const figure = this.sensitive.get(key)!;
        if (!this.isProtectedBy(figure, graph)) this.reprotect(key, figure);
      }
    }
  }

  /** Asks that this figure never be derivable. Throws if it is derivable already: publish checks kept it from being. */
  protect(unit: Unit, kind: FigureKind, from: number, to: number): void {
    this.checkFigure({ unit, from, to });
    const key = `${unit}:${kind}:${from}:${to}`;
    if (this.sensitive.has(key)) return;
    const figure: Sensitive = { unit, kind, from, to, protector: -1 };
    this.sensitive.set(key, figure);
    this.reprotect(key, figure);
  }

  /**
   * Publishes a figure if that leaves every sensitive figure underivable, and says whether it
   * did. A refused figure changes nothing: the caller hides it.
   */
  publish(figure: Figure, wording: Wording): boolean {
    this.checkFigure(figure);
    const [u, v] = [figure.from - 1, figure.to];
    const changed = new Set(this.graphsOfEdge(figure.unit, wording).filter((g) => !this.graphs[g]!.connected(u, v)));
    if (changed.size === 0) return true;
    const isProtectedAfter = (s: Sensitive, graph: number) =>
      changed.has(graph) ? !this.graphs[graph]!.connectedWith(s.from - 1, s.to, u, v) : !this.graphs[graph]!.connected(s.from - 1, s.to);
    const moves: [string, number][] = [];
    for (const graph of changed) {
      for (const key of this.protecting.get(graph) ?? []) {
        const s = this.sensitive.get(key)!;
        if (isProtectedAfter(s, graph)) continue;
        const next = this.candidates(s).find((g) => isProtectedAfter(s, g));
        if (next === undefined) return false;
        moves.push([key, next]);
      }
    }
    for (const graph of changed) this.graphs[graph]!.union(u, v);
    for (const [key, next] of moves) this.moveProtector(key, this.sensitive.get(key)!, next);
    return true;
  }

  private reprotect(key: string, figure: Sensitive): void {
    const next = this.candidates(figure).find((g) => this.isProtectedBy(figure, g));
    if (next === undefined) throw new Error(`LinkedTablesAudit: the ${figure.kind} figure of ${figure.unit} over periods ${figure.from}-${figure.to} can be worked out already`);
    this.moveProtector(key, figure, next);
  }

  private moveProtector(key: string, figure: Sensitive, graph: number): void {
    this.protecting.get(figure.protector)?.delete(key);
    figure.protector = graph;
    const set = this.protecting.get(graph);
    if (set) set.add(key);
    else this.protecting.set(graph, new Set([key]));
  }

  private isProtectedBy(figure: Sensitive, graph: number): boolean {
    return graph !== -1 && !this.graphs[graph]!.connected(figure.from - 1, figure.to);
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
      if (kind === "wide") return this.everyWard().flatMap((w) => [this.soloSame(w), this.soloEquivalent(w)]);
      throw new Error("LinkedTablesAudit: the area's equivalent answers are never marked alone");
    }
    const others = this.others(unit);
    if (kind === "narrow") return [this.soloSame(unit), this.cross(unit), ...others.flatMap((o) => [this.pairSame(unit, o), this.quad(unit, o)])];
    if (kind === "wide") return [this.soloSame(unit), this.soloEquivalent(unit), ...others.flatMap((o) => [this.pairSame(unit, o), this.pairEquivalent(unit, o)])];
    return [this.soloEquivalent(unit), this.cross(unit), ...others.flatMap((o) => [this.pairEquivalent(unit, o), this.quad(unit, o)])];
  }

  /** The projections in which a sensitive figure does not vanish: those that can protect it. */
  private candidates(figure: Sensitive): number[] {
    if (figure.unit === "area") {
      const ways = { narrow: [this.soloSame, this.cross], wide: [this.soloSame, this.soloEquivalent], difference: [this.soloEquivalent, this.cross] }[figure.kind];
      return this.everyWard().flatMap((w) => ways.map((way) => way(w)));
    }
    return this.graphsOfEdge(figure.unit, figure.kind);
  }

  private checkFigure({ unit, from, to }: Figure): void {
    if (unit !== "area" && !(Number.isInteger(unit) && unit >= 0 && unit < this.wards)) throw new RangeError(`LinkedTablesAudit: no ward ${unit} among ${this.wards}`);
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 1 && from <= to && to <= this.periods)) {
      throw new RangeError(`LinkedTablesAudit: periods ${from}-${to} are not a run within 1-${this.periods}`);
    }
  }
}
