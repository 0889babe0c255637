import { describe, expect, it } from "vitest";
import { rankByGap } from "~/lib/reports/rank-by-gap";

const ward = (name: string, notSafe: number, crimes: number, crimesPer1000: number | null = null) => ({ ward: { name }, notSafe, crimes, crimesPer1000 });

describe("rankByGap", () => {
  it("places four wards by worry and by crime, ties sharing a place, furthest apart first and then by name", () => {
    // Worked by hand. Worry: Aston 40% above all three others (3/3), Bray and Dunn 30% above
    // Clee only (1/3 each), Clee lowest (0). Crime: Aston 10 lowest (0), Clee 20 (1/3), Dunn 30
    // (2/3), Bray 40 highest (1). Gaps: Aston 1, Bray -2/3, Clee -1/3, Dunn -1/3.
    const ranked = rankByGap([ward("Bray", 0.3, 40), ward("Dunn", 0.3, 30), ward("Aston", 0.4, 10), ward("Clee", 0.2, 20)]);
    expect(ranked.map((w) => [w.ward.name, w.worryRank, w.crimeRank])).toEqual([
      ["Aston", 1, 0], ["Bray", 1 / 3, 1], ["Clee", 0, 1 / 3], ["Dunn", 1 / 3, 2 / 3],
    ]);
    expect(ranked.map((w) => w.gap)).toEqual([1, 1 / 3 - 1, -1 / 3, 1 / 3 - 2 / 3]);
  });

  it("ranks crime by the rate per 1,000 where there is one, not the count", () => {
    // The most crimes but the lowest rate (a big ward): lowest on crime.
    const ranked = rankByGap([ward("Big", 0.5, 90, 3), ward("Small", 0.1, 10, 9), ward("Middle", 0.3, 40, 6)]);
    expect(Object.fromEntries(ranked.map((w) => [w.ward.name, w.crimeRank]))).toEqual({ Big: 0, Middle: 0.5, Small: 1 });
    expect(ranked.map((w) => [w.ward.name, w.gap])).toEqual([["Big", 1], ["Small", -1], ["Middle", 0]]);
  });

  it("puts a lone ward in the middle of both, with no gap, and ranks none when there are none", () => {
    expect(rankByGap([ward("Only", 0.9, 0)])).toMatchObject([{ worryRank: 0.5, crimeRank: 0.5, gap: 0 }]);
    expect(rankByGap([])).toEqual([]);
  });

  it("gives wards that all tie the same place, with no gap", () => {
    expect(rankByGap([ward("A", 0.2, 5), ward("B", 0.2, 5), ward("C", 0.2, 5)]).map((w) => [w.worryRank, w.crimeRank, w.gap])).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  });
});
