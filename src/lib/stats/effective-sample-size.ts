import type { Count } from "./count";

export type EffectiveBase = { base: number; effectiveBase: number; designEffect: number };
export type WeightedAnswer = { weight: number; isYes: boolean };

/**
 * Kish's effective sample size and design effect due to unequal weights.
 *
 * Method: Kish (1965), Survey Sampling (Wiley); Kish (1992), "Weighting for unequal P_i",
 * Journal of Official Statistics 8(2):
 *   effectiveBase = (Σw)² / Σw²,  designEffect = n Σw² / (Σw)² = 1 + CV²(w).
 * It depends only on the spread of the weights, not on their scale: weights of 2 everywhere
 * give the same answer as weights of 1.
 *
 * Edge cases: equal weights give effectiveBase = n and designEffect = 1; one respondent gives 1.
 * Throws a RangeError for no weights, or for a weight that is zero, negative or not finite
 * (rim weighting never produces one; a zero weight means a respondent was dropped upstream
 * and should not be in the list).
 */
export function effectiveSampleSize(weights: readonly number[]): EffectiveBase {
  if (weights.length === 0) throw new RangeError("effectiveSampleSize: no weights");
  let sum = 0;
  let sumOfSquares = 0;
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`effectiveSampleSize: weights must be positive and finite, got ${weight}`);
    }
    sum += weight;
    sumOfSquares += weight * weight;
  }
  const effectiveBase = (sum * sum) / sumOfSquares;
  return { base: weights.length, effectiveBase, designEffect: weights.length / effectiveBase };
}

/**
 * The weighted proportion expressed as an effective count, so that the interval and test
 * functions (wilsonInterval, newcombeDifference, twoProportionTest) can take weighted data:
 *   base = Kish effectiveBase,  successes = weighted proportion × effectiveBase.
 * This is the substitution DOMAIN.md asks for ("use the effective base n_eff in every interval
 * and test"); it is the same idea as the modified Wilson interval of PROC SURVEYFREQ, which
 * puts an effective sample size in place of n, with Kish's weighting-only n_eff standing in for
 * the design-based one because our samples are not clustered.
 *
 * Throws a RangeError under the same conditions as effectiveSampleSize.
 */
export function effectiveCount(answers: readonly WeightedAnswer[]): Count {
  const { effectiveBase } = effectiveSampleSize(answers.map((answer) => answer.weight));
  let weightedYes = 0;
  let weightedTotal = 0;
  for (const { weight, isYes } of answers) {
    weightedTotal += weight;
    if (isYes) weightedYes += weight;
  }
  // Clamp: rounding must not push successes past the base and trip checkCount.
  return { successes: Math.min(effectiveBase, (weightedYes / weightedTotal) * effectiveBase), base: effectiveBase };
}
