export const DEFAULT_SUPPRESSION_THRESHOLD = 50;
export const MIN_SUPPRESSION_THRESHOLD = 30;
export const MAX_SUPPRESSION_THRESHOLD = 100;

export type SuppressionReason = "below_threshold" | "complementary";
export type CellSuppression = { isSuppressed: boolean; reason: SuppressionReason | null };
export type SuppressionOptions = {
  /** Smallest unweighted base that may be shown (DOMAIN.md: default 50, administrator sets 30-100). */
  threshold?: number;
  /** Whether the total of the cells (for example the area figure over its wards) is published. */
  isTotalPublished?: boolean;
};
export type GroupSuppression = { cells: CellSuppression[]; total: CellSuppression | null };

/**
 * Small-number suppression for one group of cells that add up to a total, such as the wards of
 * an area for one indicator and period.
 *
 * Primary suppression: a cell whose unweighted base is below the threshold is not shown.
 * Secondary (complementary) suppression: when the total is published, the total minus the shown
 * cells gives back the sum of the hidden ones. That sum must not be a small figure itself, so
 * while the hidden cells that hold responses are fewer than two, or hold fewer responses between
 * them than the threshold, the unsuppressed cell with the smallest base (the first, on a tie) is
 * hidden too. A cell with no responses protects nothing: a reader can often tell that a ward had
 * none (it was not surveyed), so "32 hidden beside an empty ward" would give the 32 back. Since
 * every shown cell holds at least the threshold, one complementary cell always suffices.
 * Source: the standard glossary definition of suppression ("in a row or column with a suppressed
 * sensitive cell, at least one additional cell must be suppressed, or the value in the sensitive
 * cell could be calculated exactly by subtraction from the marginal total";
 * tariffnumber.com/info/abbreviations/12849) and Statistics Netherlands, "A general formulation
 * of the secondary cell suppression problem" (CBS, 2010). No ONS or GSS text on secondary
 * suppression was found to cite.
 * The total's base is the sum of the cells' bases. If that is below the threshold the total is
 * suppressed too, and every cell, being no larger, already is.
 *
 * Scope: one dimension only. Cells that belong to two published totals at once (ward by age
 * band, with both margins shown) need a search over the whole table, such as tau-argus; running
 * this per line does not guarantee protection there.
 *
 * Returns one decision per cell, in input order, and the total's decision (null when the total
 * is not published). The caller hides a suppressed cell's estimate, numerator and base alike.
 * Throws a RangeError for a threshold outside 30-100 or a base that is not a whole number >= 0.
 */
export function suppressCells(bases: readonly number[], options: SuppressionOptions = {}): GroupSuppression {
  const { threshold = DEFAULT_SUPPRESSION_THRESHOLD, isTotalPublished = true } = options;
  if (!(threshold >= MIN_SUPPRESSION_THRESHOLD && threshold <= MAX_SUPPRESSION_THRESHOLD)) {
    throw new RangeError(`suppressCells: threshold must be between ${MIN_SUPPRESSION_THRESHOLD} and ${MAX_SUPPRESSION_THRESHOLD}, got ${threshold}`);
  }
  for (const base of bases) {
    if (!Number.isInteger(base) || base < 0) throw new RangeError(`suppressCells: a base must be a whole number of at least 0, got ${base}`);
  }

  const cells: CellSuppression[] = bases.map((base) =>
    base < threshold ? { isSuppressed: true, reason: "below_threshold" } : { isSuppressed: false, reason: null },
  );
  if (!isTotalPublished) return { cells, total: null };

  const totalBase = bases.reduce((sum, base) => sum + base, 0);
  if (totalBase < threshold) return { cells, total: { isSuppressed: true, reason: "below_threshold" } };

  const hidden = bases.filter((base, i) => base > 0 && cells[i]!.isSuppressed);
  const hiddenBase = hidden.reduce((sum, base) => sum + base, 0);
  if (hidden.length > 0 && (hidden.length < 2 || hiddenBase < threshold)) {
    let partner = -1;
    for (const [index, base] of bases.entries()) {
      const smallest = bases[partner];
      if (!cells[index]?.isSuppressed && (smallest === undefined || base < smallest)) partner = index;
    }
    // No partner means every cell is hidden already, so the total is below the threshold.
    if (partner !== -1) cells[partner] = { isSuppressed: true, reason: "complementary" };
  }
  return { cells, total: { isSuppressed: false, reason: null } };
}
