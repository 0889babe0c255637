import type { Count } from "./count";
import { wilsonInterval } from "./wilson-interval";

export type DifferenceInterval = { difference: number; lower: number; upper: number; isSignificant: boolean };

/**
 * The difference between two independent proportions, first minus second, with Newcombe's
 * hybrid score interval. To read a change between periods, pass the later period first.
 *
 * Method: Newcombe (1998b), "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Statistics in Medicine 17:873-890, method 10:
 * the Wilson limits (l, u) of each proportion are combined by "square and add",
 *   lower = d - sqrt((p1 - l1)² + (u2 - p2)²),  upper = d + sqrt((u1 - p1)² + (p2 - l2)²).
 * Worked example there (Table II): 56/70 - 48/80 = 0.2000, 95% interval 0.0524 to 0.3339.
 * A change is significant when the interval excludes zero; overlapping single-proportion
 * intervals say nothing about that (DOMAIN.md, Statistics).
 *
 * Edge cases: 0/n or n/n in either sample is fine (the interval stays within -1..1 and is
 * never zero width). Counts may be fractional effective counts from weighted data.
 * Throws a RangeError for a zero base, successes outside 0..base, or a confidence outside (0, 1).
 */
export function newcombeDifference(first: Count, second: Count, confidence = 0.95): DifferenceInterval {
  const one = wilsonInterval(first.successes, first.base, confidence);
  const two = wilsonInterval(second.successes, second.base, confidence);
  const difference = one.estimate - two.estimate;
  const lower = difference - Math.hypot(one.estimate - one.lower, two.upper - two.estimate);
  const upper = difference + Math.hypot(one.upper - one.estimate, two.estimate - two.lower);
  return { difference, lower, upper, isSignificant: lower > 0 || upper < 0 };
}
