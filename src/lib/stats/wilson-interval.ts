import { checkCount } from "./count";
import { zForConfidence } from "./z-for-confidence";

export type ProportionInterval = { estimate: number; lower: number; upper: number };

/**
 * A proportion with its Wilson score interval.
 *
 * Method: Wilson (1927), JASA 22:209-212; Newcombe (1998a), "Two-sided confidence intervals for
 * the single proportion: comparison of seven methods", Statistics in Medicine 17:857-872,
 * method 3 (score interval without continuity correction). Worked example there: 81/263 gives
 * 0.2553 to 0.3662.
 * Wilson, not Wald: Wald strays outside 0..1 and collapses to zero width at 0/n and n/n, which
 * is exactly where small wards sit.
 *
 * Edge cases: 0/n has lower exactly 0 and n/n has upper exactly 1 (the formula gives those
 * values; the clamp only removes floating-point dust). Successes and base may be fractional
 * effective counts from weighted data.
 * Throws a RangeError when the base is 0 (there is no proportion to estimate: the caller
 * suppresses such a figure instead), when successes are outside 0..base, or when the confidence
 * is not strictly between 0 and 1.
 */
export function wilsonInterval(successes: number, base: number, confidence = 0.95): ProportionInterval {
  checkCount({ successes, base }, "wilsonInterval");
  const z = zForConfidence(confidence);
  const estimate = successes / base;
  const z2 = z * z;
  const denominator = 1 + z2 / base;
  const centre = (estimate + z2 / (2 * base)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((estimate * (1 - estimate)) / base + z2 / (4 * base * base));
  return {
    estimate,
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === base ? 1 : Math.min(1, centre + halfWidth),
  };
}
