/** What ranking needs of a ward: its worry, its recorded crime (a rate where there is one), its name for ties. */
export type GapCandidate = { ward: { name: string }; notSafe: number; crimes: number; crimesPer1000: number | null };
export type GapRanks = { worryRank: number; crimeRank: number; gap: number };

/**
 * Places each ward among the others by worry (the share who do not feel safe after dark) and by
 * recorded crime, as the share of the other wards below it (0 lowest, 1 highest; ties share a
 * place; a lone ward sits at 0.5), and takes the gap as worry's place less crime's. Wards come
 * back furthest apart first, either way, then by name: the board's prompts, not a league table.
 */
export function rankByGap<T extends GapCandidate>(candidates: readonly T[]): (T & GapRanks)[] {
  const placeAmong = (values: number[]) => (value: number) => (values.length < 2 ? 0.5 : values.filter((v) => v < value).length / (values.length - 1));
  const crimeOf = (c: GapCandidate) => c.crimesPer1000 ?? c.crimes;
  const worryPlace = placeAmong(candidates.map((c) => c.notSafe));
  const crimePlace = placeAmong(candidates.map(crimeOf));
  return candidates
    .map((c) => {
      const worryRank = worryPlace(c.notSafe);
      const crimeRank = crimePlace(crimeOf(c));
      return { ...c, worryRank, crimeRank, gap: worryRank - crimeRank };
    })
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.ward.name.localeCompare(b.ward.name));
}
