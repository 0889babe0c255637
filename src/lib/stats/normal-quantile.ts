import { normalCdf } from "./normal-cdf";

// P. J. Acklam's coefficients, as published with the algorithm.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
const P_LOW = 0.02425;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Inverse of the standard normal distribution: the x with Φ(x) = p.
 *
 * Method: P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
 * function" (2003; relative error below 1.15e-9), followed by one Halley step against
 * {@link normalCdf}, as Acklam suggests. The error is then below 1e-14 for 0.001 <= p <= 0.999
 * (every confidence level an administrator would set) and below 1e-9 down to p = 1e-20, where
 * normalCdf's own tail error is the limit.
 *
 * Throws a RangeError unless 0 < p < 1: the quantiles at 0 and 1 are infinite, and an infinite
 * z would turn every interval into 0 to 1 without saying why.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be between 0 and 1, got ${p}`);
  const x = acklam(p);
  const error = normalCdf(x) - p;
  const u = error * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

function acklam(p: number): number {
  if (p < P_LOW) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  const numerator = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q;
  const denominator = ((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1;
  return numerator / denominator;
}

function tail(q: number): number {
  const numerator = ((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5];
  const denominator = (((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1;
  return numerator / denominator;
}
