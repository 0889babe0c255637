/**
 * The audit for disclosure by differencing between linked tables. A report publishes the same
 * indicator per ward and for the whole area, for single quarters and for rolling runs of
 * quarters, and in several wordings, each a sum of "layers" of the responses (say: residents'
 * own survey; partners' answers worded the same; partners' answers worded equivalently). A
 * reader holding several of those figures can add and subtract them: the rolling year minus
 * three published quarters gives the fourth, one wording minus another gives a layer alone, the
 * area minus the other wards gives the last ward. The audit keeps track of what has been
 * published and refuses a figure that would let any "sensitive" figure (one ward's, or the
 * area's, over a run of quarters, of any set of layers, on more than none but fewer responses
 * than the threshold) be worked out exactly by any such sums.
 *
 * How, exactly and fast. Every published figure is a sum over consecutive quarters of one unit
 * and set of layers, so it is a difference of running totals: the figure over quarters a..b is
 * P(b) - P(a-1). A reader can work out a figure exactly when its vector lies in the span of the
 * published ones (Hundepool et al., "Statistical Disclosure Control", Wiley, 2012, ch. 5 on
 * linked tables). Rather than reduce a matrix, the audit projects the figures onto small graphs
 * on the running-total nodes 0..L: a projection weights each ward's layers (the same weights in
 * every quarter), so each figure becomes a multiple of one edge (a-1, b), or nothing when its
 * weights cancel. Projections here are one ward's layers weighted by a pattern v of +1, 0 and
 * -1, a pair of wards weighted v and -v (which cancels every area figure), and a pair weighted
 * by one layer each, different layers with opposite signs. An edge sum can
 * only give the potential difference between two nodes that are connected, so a sensitive figure
 * whose ends are not connected in one projection where it does not vanish cannot be in the span:
 * it is protected. Each projection is a union-find. The test is sound (what it calls protected
 * is), and conservative: a figure it cannot prove protected is refused, which only hides more.
 * Patterns that another protects at least as well for every figure are left out.
 *
 * A cell the reader can tell is empty (a ward with no answers of a layer in a quarter) is an
 * equation too, and is marked as such. Protection here is exact non-derivability: bounds a
 * reader could put on a hidden figure (it is at least 0, at most the published total) are not
 * audited, nor sums of quarters that are not consecutive.
 */
export type Unit = number | "area";
/** A set of layers, as bits: layer l is bit 1 << l. */
export type LayerMask = number;
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

type Sensitive = { unit: Unit; mask: LayerMask; from: number; to: number; candidates: readonly number[]; protector: number };

export class LinkedTablesAudit {
  private readonly graphs: UnionFinds;
  private readonly sensitive: Sensitive[] = [];
  private readonly sensitiveIndex = new Map<number, number>();
  private readonly protecting: Set<number>[];
  /** Per unit (wards, then the area) and mask: the projections in which its figure does not vanish. */
  private readonly nonVanishing: (readonly number[])[][];
  /** The same, kept to the projections worth searching for a protector of a sensitive figure of that mask. */
  private readonly candidates: (readonly number[])[][];
  /** The latest period any published or protected figure ends at. */
  private reach = 0;
  /** Marks the projections a publish is adding its edge to, while it checks them. */
  private readonly isChanging: Uint8Array;

  /**
   * `wards` is how many wards there are (units 0 to wards - 1), `periods` how many quarters (1 to
   * periods), `layers` how many layers (at most 4), and `published` the layer sets figures are
   * published in.
   */
  constructor(private readonly wards: number, private readonly periods: number, private readonly layers: number, published: readonly LayerMask[]) {
    if (!Number.isInteger(wards) || wards < 1) throw new RangeError(`LinkedTablesAudit: wards must be a whole number of at least 1, got ${wards}`);
    if (!Number.isInteger(periods) || periods < 1) throw new RangeError(`LinkedTablesAudit: periods must be a whole number of at least 1, got ${periods}`);
    if (!Number.isInteger(layers) || layers < 1 || layers > 4) throw new RangeError(`LinkedTablesAudit: layers must be 1 to 4, got ${layers}`);
    const layout = projectionLayout(wards, layers, published);
    this.graphs = new UnionFinds(layout.count, periods + 1);
    this.isChanging = new Uint8Array(layout.count);
    this.protecting = Array.from({ length: layout.count }, () => new Set());
    this.nonVanishing = layout.nonVanishing;
    this.candidates = layout.candidates;
  }

  /** Records that the reader can tell a ward had no answers of this layer in a period. */
  markEmpty(ward: number, period: number, layer: number): void {
    this.checkFigure({ unit: ward, from: period, to: period });
    this.checkMask(1 << layer);
    const changed = this.nonVanishingOf(ward, 1 << layer).filter((g) => !this.graphs.connected(g, period - 1, period));
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

  /** Asks that the figure of these layers never be derivable. Throws if it is derivable already: publish checks kept it from being. */
  protect(unit: Unit, mask: LayerMask, from: number, to: number): void {
    this.checkFigure({ unit, from, to });
    this.checkMask(mask);
    const unitIndex = unit === "area" ? this.wards : unit;
    const key = ((unitIndex * (1 << this.layers) + mask) * (this.periods + 1) + from) * (this.periods + 1) + to;
    if (this.sensitiveIndex.has(key)) return;
    const id = this.sensitive.push({ unit, mask, from, to, candidates: this.candidates[unitIndex]![mask]!, protector: -1 }) - 1;
    this.sensitiveIndex.set(key, id);
    this.reach = Math.max(this.reach, to);
    this.reprotect(id);
  }

  /**
   * Publishes the figure of these layers if that leaves every sensitive figure underivable, and
   * says whether it did. A refused figure changes nothing: the caller hides it.
   */
  publish(figure: Figure, mask: LayerMask): boolean {
    this.checkFigure(figure);
    this.checkMask(mask);
    this.reach = Math.max(this.reach, figure.to);
    const [u, v] = [figure.from - 1, figure.to];
    const changed: number[] = [];
    for (const graph of this.nonVanishingOf(figure.unit, mask)) {
      if (this.graphs.connected(graph, u, v)) continue;
      changed.push(graph);
      this.isChanging[graph] = 1;
    }
    try {
      const moves: number[] = [];
      for (const graph of changed) {
        for (const id of this.protecting[graph]!) {
          const s = this.sensitive[id]!;
          if (this.isProtectedAfter(s, graph, u, v)) continue;
          let next = -1;
          for (const candidate of s.candidates) {
            if (this.isProtectedAfter(s, candidate, u, v)) {
              next = candidate;
              break;
            }
          }
          if (next === -1) return false;
          moves.push(id, next);
        }
      }
      for (const graph of changed) this.graphs.union(graph, u, v);
      for (let i = 0; i < moves.length; i += 2) this.moveProtector(moves[i]!, moves[i + 1]!);
      return true;
    } finally {
      for (const graph of changed) this.isChanging[graph] = 0;
    }
  }

  /** Whether a sensitive figure is protected by a projection once the edge (u, v) is in every projection being changed. */
  private isProtectedAfter(s: Sensitive, graph: number, u: number, v: number): boolean {
    return this.isChanging[graph] === 1 ? !this.graphs.connectedWith(graph, s.from - 1, s.to, u, v) : !this.graphs.connected(graph, s.from - 1, s.to);
  }

  private reprotect(id: number): void {
    const figure = this.sensitive[id]!;
    const next = figure.candidates.find((g) => this.isProtectedBy(figure, g));
    if (next === undefined) throw new Error(`LinkedTablesAudit: the figure of layers ${figure.mask} of ${figure.unit} over periods ${figure.from}-${figure.to} can be worked out already`);
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

  private nonVanishingOf(unit: Unit, mask: LayerMask): readonly number[] {
    return this.nonVanishing[unit === "area" ? this.wards : unit]![mask]!;
  }

  private checkMask(mask: LayerMask): void {
    if (!(Number.isInteger(mask) && mask > 0 && mask < 1 << this.layers)) throw new RangeError(`LinkedTablesAudit: no set of layers ${mask} among ${this.layers} layers`);
  }

  private checkFigure({ unit, from, to }: Figure): void {
    if (unit !== "area" && !(Number.isInteger(unit) && unit >= 0 && unit < this.wards)) throw new RangeError(`LinkedTablesAudit: no ward ${unit} among ${this.wards}`);
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 1 && from <= to && to <= this.periods)) {
      throw new RangeError(`LinkedTablesAudit: periods ${from}-${to} are not a run within 1-${this.periods}`);
    }
  }
}

type ProjectionLayout = { count: number; nonVanishing: (readonly number[])[][]; candidates: (readonly number[])[][] };
/** Layouts built so far: every indicator of a report shares one, as it depends only on the shape of the tables. */
const layouts = new Map<string, ProjectionLayout>();

/**
 * The projections for so many wards and layers, and per unit (wards, then the area) and set of
 * layers, those in which its figure does not vanish and those worth searching for a protector.
 */
function projectionLayout(wards: number, layers: number, published: readonly LayerMask[]): ProjectionLayout {
  const key = `${wards}:${layers}:${[...published].sort().join(",")}`;
  let layout = layouts.get(key);
  if (layout === undefined) {
    const masks = 1 << layers;
    const patterns = usefulPatterns(layers, [...published, ...Array.from({ length: layers }, (_, l) => 1 << l)]);
    // Every projection: one ward by a pattern; two wards by a pattern and its opposite; and two
    // wards by one layer each, different layers with opposite signs (which cancels the area's
    // figures of both layers, as when the web survey and a partner cover different wards).
    const projections: Projection[] = [];
    for (let w = 0; w < wards; w++) patterns.forEach((p) => projections.push({ wards: [[w, p.weights]], protects: p.protects }));
    for (let a = 0; a < wards; a++) {
      for (let b = a + 1; b < wards; b++) {
        patterns.forEach((p) => projections.push({ wards: [[a, p.weights], [b, p.weights.map((x) => -x)]], protects: p.protects }));
        for (let l = 0; l < layers; l++) {
          for (let k = 0; k < layers; k++) {
            if (l !== k) projections.push({ wards: [[a, unitWeights(layers, l, 1)], [b, unitWeights(layers, k, -1)]], protects: null });
          }
        }
      }
    }
    const lists = () => Array.from({ length: wards + 1 }, () => Array.from({ length: masks }, () => [] as number[]));
    const nonVanishing = lists();
    const candidates = lists();
    projections.forEach((projection, g) => {
      for (let mask = 1; mask < masks; mask++) {
        const protects = projection.protects === null || projection.protects.has(mask);
        let area = 0;
        for (const [w, weights] of projection.wards) {
          const scalar = dot(weights, mask);
          area += scalar;
          if (scalar === 0) continue;
          nonVanishing[w]![mask]!.push(g);
          if (protects) candidates[w]![mask]!.push(g);
        }
        if (area === 0) continue;
        nonVanishing[wards]![mask]!.push(g);
        if (protects) candidates[wards]![mask]!.push(g);
      }
    });
    layout = { count: projections.length, nonVanishing, candidates };
    layouts.set(key, layout);
  }
  return layout;
}

type Pattern = { weights: number[]; protects: Set<LayerMask> };
/** Weights per ward it weighs; `protects` the sensitive sets worth searching it for (null: any it keeps). */
type Projection = { wards: [number, number[]][]; protects: Set<LayerMask> | null };
const unitWeights = (layers: number, layer: number, sign: number) => Array.from({ length: layers }, (_, l) => (l === layer ? sign : 0));
const dot = (weights: readonly number[], mask: LayerMask) => weights.reduce((sum, w, l) => sum + (mask & (1 << l) ? w : 0), 0);

/**
 * The weight patterns over a ward's layers (+1, 0, -1; one of each pair of opposites), each with
 * the sensitive layer sets it is worth searching for a protector of. A pattern's edges are the
 * published sets and single layers (the empty marks) it does not cancel; for a sensitive set it
 * does not cancel, another pattern that also keeps that set and whose edges are among its own
 * protects whenever it would, so it is not searched for that set (and dropped if never searched).
 */
function usefulPatterns(layers: number, edgeMasks: readonly LayerMask[]): Pattern[] {
  const all: number[][] = [];
  for (let code = 1; code < 3 ** layers; code++) {
    const weights = Array.from({ length: layers }, (_, l) => (Math.floor(code / 3 ** l) % 3) - 1);
    const first = weights.find((w) => w !== 0);
    if (first === 1) all.push(weights);
  }
  const edgesOf = (weights: number[]) => new Set(edgeMasks.filter((m) => dot(weights, m) !== 0));
  const isSubset = (a: Set<number>, b: Set<number>) => [...a].every((x) => b.has(x));
  const patterns = all.map((weights) => ({ weights, edges: edgesOf(weights), protects: new Set<LayerMask>() }));
  for (let mask = 1; mask < 1 << layers; mask++) {
    const keeping = patterns.filter((p) => dot(p.weights, mask) !== 0);
    keeping.forEach((p, i) => {
      const isBeaten = keeping.some((q, j) => j !== i && isSubset(q.edges, p.edges) && (!isSubset(p.edges, q.edges) || j < i));
      if (!isBeaten) p.protects.add(mask);
    });
  }
  return patterns.filter((p) => p.protects.size > 0).map(({ weights, protects }) => ({ weights, protects }));
}
