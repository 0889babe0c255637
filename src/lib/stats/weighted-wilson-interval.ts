import { effectiveCount, groupedEffectiveSampleSize, type WeightedAnswer } from "./effective-sample-size";
import { wilsonInterval, type ProportionInterval } from "./wilson-interval";

export type WeightedProportionInterval = ProportionInterval & {
  /** Unweighted number of respondents: the base that suppression looks at. */
  base: number;
  effectiveBase: number;
  designEffect: number;
};

/**
 * A weighted proportion with a Wilson score interval on Kish's effective base.
 *
 * Method: the weighted estimate Σw·y / Σw, with the Wilson interval (Newcombe 1998a, method 3)
 * computed on n_eff = (Σw)² / Σw² (Kish 1965) instead of n, so that weighting widens the
 * interval by about √deff. See effectiveCount for why.
 *
 * Answers may be counted in cells (`count`), as rim weighting of a table gives them; `base` is
 * then the number of respondents the cells hold.
 * Edge cases: equal weights give the unweighted wilsonInterval; all "yes" gives upper 1.
 * Throws a RangeError for no answers, a weight that is not positive and finite, or a
 * confidence outside (0, 1).
 */
export function weightedWilsonInterval(answers: readonly WeightedAnswer[], confidence = 0.95): WeightedProportionInterval {
  const count = effectiveCount(answers);
  const kish = groupedEffectiveSampleSize(answers.map(({ weight, count = 1 }) => ({ weight, count })));
  return { ...wilsonInterval(count.successes, count.base, confidence), ...kish };
}
