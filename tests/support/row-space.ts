/**
 * The exact oracle the disclosure audit is tested against: the row space of the figures a reader
 * holds, over the rationals, kept in reduced row echelon form with whole numbers (BigInt,
 * fraction-free). A figure can be worked out from the published ones exactly when its vector
 * lies in their row space. Slow and obviously right: the audit is fast and must agree.
 */
export class RowSpace {
  private rows: bigint[][] = [];
  private pivots: number[] = [];

  constructor(private readonly size: number) {}

  add(vector: readonly number[]): void {
    const row = this.reduce(vector);
    const pivot = row.findIndex((value) => value !== 0n);
    if (pivot === -1) return;
    this.rows = this.rows.map((existing) => eliminate(existing, row, pivot));
    this.rows.push(row);
    this.pivots.push(pivot);
  }

  contains(vector: readonly number[]): boolean {
    return this.reduce(vector).every((value) => value === 0n);
  }

  private reduce(vector: readonly number[]): bigint[] {
    if (vector.length !== this.size) throw new RangeError(`RowSpace: a vector of ${vector.length}, not ${this.size}`);
    let row = vector.map((value) => BigInt(value));
    this.rows.forEach((existing, i) => { row = eliminate(row, existing, this.pivots[i]!); });
    return row;
  }
}

/** `row` with its `column` entry cleared by a multiple of `by`, scaled down to whole numbers with no common factor. */
function eliminate(row: bigint[], by: bigint[], column: number): bigint[] {
  const factor = row[column]!;
  if (factor === 0n) return row;
  const scale = by[column]!;
  const next = row.map((value, i) => value * scale - by[i]! * factor);
  let divisor = 0n;
  for (const value of next) divisor = gcd(divisor, value < 0n ? -value : value);
  return divisor > 1n ? next.map((value) => value / divisor) : next;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
