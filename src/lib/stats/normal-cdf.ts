/**
 * Standard normal cumulative distribution function, Φ(x).
 *
 * Method: Hart (1968) double-precision rational approximation, in the form given by
 * G. West, "Better approximations to cumulative normal functions", Wilmott Magazine, pp. 70-76.
 * Absolute error is below about 1e-15. The smaller tail is computed directly rather than as
 * 1 - Φ, so a p-value far out in the tail is not rounded to 0; its relative error there
 * (|x| > 5) is up to about 1e-8 (checked against Python's math.erfc), ample for p-values that
 * are shown to two significant figures.
 *
 * Edge cases: Φ(-Infinity) = 0 and Φ(Infinity) = 1; beyond |x| = 37 the tail is below the
 * smallest double and is returned as exactly 0 (or 1).
 * Throws a RangeError for NaN, so a broken statistic never becomes a p-value silently.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError("normalCdf: x is NaN");
  const tail = lowerTail(Math.abs(x));
  return x > 0 ? 1 - tail : tail;
}

/** Φ(-|x|): the probability beyond |x| in one tail. */
function lowerTail(a: number): number {
  if (a > 37) return 0;
  const e = Math.exp((-a * a) / 2);
  if (a < 7.07106781186547) {
    let n = 3.52624965998911e-2 * a + 0.700383064443688;
    n = n * a + 6.37396220353165;
    n = n * a + 33.912866078383;
    n = n * a + 112.079291497871;
    n = n * a + 221.213596169931;
    n = n * a + 220.206867912376;
    let d = 8.83883476483184e-2 * a + 1.75566716318264;
    d = d * a + 16.064177579207;
    d = d * a + 86.7807322029461;
    d = d * a + 296.564248779674;
    d = d * a + 637.333633378831;
    d = d * a + 793.826512519948;
    d = d * a + 440.413735824752;
    return (e * n) / d;
  }
  // Continued fraction for the far tail (Hart's second branch).
  let b = a + 0.65;
  b = a + 4 / b;
  b = a + 3 / b;
  b = a + 2 / b;
  b = a + 1 / b;
  return e / b / 2.506628274631;
}
