import type { Count } from "./count";

export type EffectiveBase = { base: number; effectiveBase: number; designEffect: number };
export type WeightedAnswer = {
  weight: number;
  isYes: boolean;
  /** How many respondents gave this answer with this weight (a cell of a table); 1 when left out. */
  count?: number;
};
/** Respondents sharing one weight: a cell of a weighted table. */
export type WeightGroup = { weight: number; count: number };

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
  return groupedEffectiveSampleSize(weights.map((weight) => ({ weight, count: 1 })));
}

/**
 * effectiveSampleSize for respondents counted in groups that share a weight, such as the cells
 * of age band by sex after rim weighting: Σw = Σ count·w and Σw² = Σ count·w², with n = Σ count.
 * Gives the same as effectiveSampleSize on the weights listed one respondent at a time.
 * Throws a RangeError as effectiveSampleSize does, for a count that is not a whole number of
 * at least 1 (a group of nobody should not be in the list), or for no respondents at all.
 */
export function groupedEffectiveSampleSize(groups: readonly WeightGroup[]): EffectiveBase {
  if (groups.length === 0) throw new RangeError("effectiveSampleSize: no weights");
  let n = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (const { weight, count } of groups) {
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`effectiveSampleSize: weights must be positive and finite, got ${weight}`);
    }
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`effectiveSampleSize: a group must count at least one respondent, got ${count}`);
    n += count;
    sum += count * weight;
    sumOfSquares += count * weight * weight;
  }
  const effectiveBase = (sum * sum) / sumOfSquares;
  return { base: n, effectiveBase, designEffect: n / effectiveBase };
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
 * An answer with a count stands for that many respondents (a cell of a weighted table).
 * Throws a RangeError under the same conditions as groupedEffectiveSampleSize.
 */
export function effectiveCount(answers: readonly WeightedAnswer[]): Count {
  const { effectiveBase } = groupedEffectiveSampleSize(answers.map(({ weight, count = 1 }) => ({ weight, count })));
  let weightedYes = 0;
  let weightedTotal = 0;
  for (const { weight, isYes, count = 1 } of answers) {
    weightedTotal += weight * count;
    if (isYes) weightedYes += weight * count;
  }
  // Clamp: rounding must not push successes past the base and trip checkCount.
  return { successes: Math.min(effectiveBase, (weightedYes / weightedTotal) * effectiveBase), base: effectiveBase };
}
