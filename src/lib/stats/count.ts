/**
 * How many of a base answered "yes". Both may be fractional when they are effective counts from
 * weighted data (see effectiveCount in effective-sample-size.ts).
 */
export type Count = { successes: number; base: number };

/**
 * Throws a RangeError naming the caller unless 0 <= successes <= base and base > 0.
 * A zero base has no proportion; the report layer suppresses it before asking for an interval.
 */
export function checkCount(count: Count, caller: string): void {
  const { successes, base } = count;
  if (!Number.isFinite(base) || base <= 0) throw new RangeError(`${caller}: base must be greater than 0, got ${base}`);
  if (!Number.isFinite(successes) || successes < 0 || successes > base) {
    throw new RangeError(`${caller}: successes must be between 0 and the base (${base}), got ${successes}`);
  }
}
