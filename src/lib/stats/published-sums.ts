/**
 * What published totals give away about hidden cells. Each published figure that pools hidden
 * cells (a rolling four-quarter window over hidden quarters, say, once the published quarters
 * are taken off) is an equation: the sum of those cells. A reader holding several such sums can
 * combine them, and a hidden cell is disclosed exactly when some combination of the sums is that
 * cell alone: when the unit vector for it lies in the sums' row space. In reduced row echelon
 * form that is when one of the rows has a single non-zero entry (every vector of the row space
 * takes its pivot entries from the rows' coefficients, so a unit vector can only be a row).
 * This is the audit for disclosure by differencing between linked tables (Hundepool et al.,
 * "Statistical Disclosure Control", Wiley, 2012, on tabular data). Exact: rows are kept as whole
 * numbers (BigInt), reduced fraction-free.
 *
 * It answers for single cells only. The suppression promise covers any figure on fewer responses
 * than the threshold, so a small sum of several hidden cells that the published sums pin down
 * (a 0/1 vector of the row space, other than a published sum, whose cells hold too few
 * responses) is a disclosure too; a report using this must check that as well.
 */
export class PublishedSums {
  private rows: bigint[][] = [];
  private pivots: number[] = [];

  /** `cells` is how many hidden cells there are; a sum names them by index, 0 to cells - 1. */
  constructor(private readonly cells: number) {
    if (!Number.isInteger(cells) || cells < 0) throw new RangeError(`PublishedSums: cells must be a whole number of at least 0, got ${cells}`);
  }

  /** Whether publishing the sum of these hidden cells, beside the sums already published, would give any hidden cell away. */
  wouldDisclose(sum: readonly number[]): boolean {
    const next = this.withSum(sum);
    return next !== null && next.rows.some(isSingleCell);
  }

  /** Records a sum as published. Throws if it gives a hidden cell away: ask wouldDisclose first. */
  publish(sum: readonly number[]): void {
    const next = this.withSum(sum);
    if (next === null) return;
    if (next.rows.some(isSingleCell)) throw new Error("PublishedSums: this sum would disclose a hidden cell");
    ({ rows: this.rows, pivots: this.pivots } = next);
  }

  /** The rows after adding a sum, in reduced form; null when the sum adds nothing the published sums did not already give. */
  private withSum(sum: readonly number[]): { rows: bigint[][]; pivots: number[] } | null {
    let row = Array.from({ length: this.cells }, () => 0n);
    for (const cell of sum) {
      if (!Number.isInteger(cell) || cell < 0 || cell >= this.cells) throw new RangeError(`PublishedSums: no hidden cell ${cell} among ${this.cells}`);
      row[cell]! += 1n;
    }
    this.rows.forEach((existing, i) => { row = eliminate(row, existing, this.pivots[i]!); });
    const pivot = row.findIndex((value) => value !== 0n);
    if (pivot === -1) return null;
    return { rows: [...this.rows.map((existing) => eliminate(existing, row, pivot)), row], pivots: [...this.pivots, pivot] };
  }
}

/** `row` with the `column` entry cleared by a multiple of `by` (whose entry there is non-zero), scaled down to whole numbers with no common factor. */
function eliminate(row: bigint[], by: bigint[], column: number): bigint[] {
  const factor = row[column]!;
  if (factor === 0n) return row;
  const scale = by[column]!;
  return normalise(row.map((value, i) => value * scale - by[i]! * factor));
}

function normalise(row: bigint[]): bigint[] {
  let divisor = 0n;
  for (const value of row) divisor = gcd(divisor, value < 0n ? -value : value);
  return divisor > 1n ? row.map((value) => value / divisor) : row;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const isSingleCell = (row: readonly bigint[]) => row.filter((value) => value !== 0n).length === 1;
