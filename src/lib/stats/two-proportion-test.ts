import { checkCount, type Count } from "./count";
import { normalCdf } from "./normal-cdf";

export type ProportionTest = { difference: number; z: number; pValue: number };

/**
 * Two-sided z-test that two independent proportions are equal, first minus second.
 *
 * Method: the large-sample test with the pooled proportion under the null hypothesis,
 *   p = (x1 + x2) / (n1 + n2),  z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)),
 *   two-sided p-value = 2 Φ(-|z|),
 * as in standard texts, e.g. D. M. Lane, HyperStat Online, "Tests of differences between
 * proportions" (73/85 against 43/82 gives z = 4.69). z² equals Pearson's chi-square for the
 * 2 × 2 table without continuity correction.
 * Reports should prefer newcombeDifference for saying whether a change is real; this test is
 * for users who ask for a p-value.
 *
 * Edge cases: when both samples are 0% or both 100% the pooled variance is 0 and the two
 * proportions are identical, so z = 0 and the p-value is 1 (not NaN from 0/0).
 * Counts may be fractional effective counts from weighted data.
 * Throws a RangeError for a zero base or successes outside 0..base.
 */
export function twoProportionTest(first: Count, second: Count): ProportionTest {
  checkCount(first, "twoProportionTest");
  checkCount(second, "twoProportionTest");
  const difference = first.successes / first.base - second.successes / second.base;
  const pooled = (first.successes + second.successes) / (first.base + second.base);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / first.base + 1 / second.base));
  if (standardError === 0) return { difference, z: 0, pValue: 1 };
  const z = difference / standardError;
  return { difference, z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
