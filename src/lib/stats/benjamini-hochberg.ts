export type FalseDiscoveryControl = {
  /** In input order: whether each hypothesis is rejected (a "discovery") at the chosen rate. */
  isDiscovery: boolean[];
  /** In input order: the BH-adjusted p-values; a hypothesis is a discovery when its value is at most q. */
  adjusted: number[];
};

/**
 * The Benjamini–Hochberg step-up procedure, controlling the false discovery rate (the expected
 * share of false alarms among the hypotheses rejected) at q.
 *
 * Method: Benjamini and Hochberg (1995), "Controlling the false discovery rate: a practical and
 * powerful approach to multiple testing", JRSS B 57(1):289-300. Order the m p-values
 * p(1) <= ... <= p(m), find the largest k with p(k) <= k q / m, and reject the k smallest. The
 * adjusted p-values are min over j >= i of min(1, m p(j) / j), as R's p.adjust(method = "BH")
 * and SciPy's false_discovery_control give them; rejecting where adjusted <= q is the same rule.
 * Worked example in the paper (15 p-values from a thrombolysis trial, Neuhaus et al. 1992): at q = 0.05
 * the four smallest are rejected, where a Bonferroni-type procedure rejects three.
 * The guarantee holds for independent or positively dependent tests (Benjamini and Yekutieli
 * 2001), which suits changes in separate wards and related indicators.
 *
 * Edge cases: no p-values gives empty arrays; ties get the same adjusted value.
 * Throws a RangeError for a p-value outside 0..1 (or NaN), or q not strictly between 0 and 1.
 */
export function benjaminiHochberg(pValues: readonly number[], q = 0.05): FalseDiscoveryControl {
  if (!(q > 0 && q < 1)) throw new RangeError(`benjaminiHochberg: q must be between 0 and 1, got ${q}`);
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`benjaminiHochberg: a p-value must be between 0 and 1, got ${p}`);
  }
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let smallestAbove = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, index } = order[rank - 1]!;
    smallestAbove = Math.min(smallestAbove, (m * p) / rank);
    adjusted[index] = smallestAbove;
  }
  return { isDiscovery: adjusted.map((value) => value <= q), adjusted };
}
