import type { Kysely } from "kysely";
import { recordedCrimeByWard } from "~/lib/crime/recorded-crime-by-ward";
import type { Database } from "~/lib/db/schema";
import type { CurrentWard } from "~/lib/geography/current-wards";
import { indicatorByWard } from "./indicator-by-ward";
import { listIndicatorDefinitions } from "./indicator-definition";
import { PERCEPTION_BESIDE_CRIME } from "./crime-beside-perception";
import { rankByGap } from "./rank-by-gap";
import type { ReportRequest } from "./report-request";

/** A ward's recorded crime over the window: public data, given for every ward, ranked or not. */
export type WardCrime = {
  crimes: number;
  antiSocialBehaviour: number;
  crimesPer1000: number | null;
  monthsLoaded: number;
  monthsInWindow: number;
};
export type WardGap = WardCrime & {
  ward: CurrentWard;
  /** Share who do not feel safe after dark, 0 to 1. */
  notSafe: number;
  /** The responses the figure is from, and whether it is weighted (then notSafe is not from base alone). */
  base: number;
  isWeighted: boolean;
  /** Where the ward stands among those ranked, 0 (lowest) to 1 (highest). */
  worryRank: number;
  crimeRank: number;
  /** worryRank less crimeRank: above 0, more worry than the ward's recorded crime would suggest. */
  gap: number;
};
/** A ward left out of the ranking: why, and its recorded crime, but never its perception figure. */
export type UnrankedWard = WardCrime & { ward: CurrentWard; reason: string };
export type PerceptionCrimeGap = { windowLabel: string; ranked: WardGap[]; unranked: UnrankedWard[]; usesRates: boolean };

/**
 * Wards ranked by how far apart worry and recorded crime stand, over the report's window: each
 * ward's place among the wards by the share who do not feel safe after dark, less its place by
 * recorded crime (per 1,000 aged 16 and over where every ward has a population, else counts).
 * A prompt for the board to ask why, not a verdict. Only wards with a published perception
 * figure and every month of crime loaded are ranked; the others are listed with the reason, so
 * a suppressed figure can never be worked out from where a ward sits in the ranking.
 */
export async function perceptionCrimeGap(db: Kysely<Database>, request: ReportRequest): Promise<PerceptionCrimeGap> {
  const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === PERCEPTION_BESIDE_CRIME);
  const window = request.windows.current;
  if (indicator === undefined) return { windowLabel: window.label, ranked: [], unranked: [], usesRates: false };
  // Ranked on what a CSP member may see, whoever reads: a place in the ranking is a figure too.
  const report = await indicatorByWard(db, indicator, request.windows, { ...request.options, canSeeSuppressed: false });
  const crime = await recordedCrimeByWard(db, { wardIds: report.wards.map((w) => w.ward.id), periodIds: window.periods.map((p) => p.id) });
  const usesRates = crime.length > 0 && crime.every((c) => c.crimesPer1000 !== null);
  const unranked: PerceptionCrimeGap["unranked"] = [];
  const candidates = report.wards.flatMap((w) => {
    const own = crime.filter((c) => c.wardId === w.ward.id);
    const complete = own.length === window.periods.length && own.every((c) => c.monthsLoaded === c.monthsInPeriod);
    const sum = (pick: (c: (typeof own)[number]) => number) => own.reduce((total, c) => total + pick(c), 0);
    const wardCrime: WardCrime = {
      crimes: sum((c) => c.crimes),
      antiSocialBehaviour: sum((c) => c.antiSocialBehaviour),
      crimesPer1000: usesRates ? sum((c) => c.crimesPer1000 ?? 0) : null,
      monthsLoaded: sum((c) => c.monthsLoaded),
      monthsInWindow: sum((c) => c.monthsInPeriod),
    };
    if (w.estimate === null || w.suppression.isSuppressed) {
      const reason = w.suppression.reason === "complementary" ? "Not published, so a smaller figure cannot be worked out from the others" : "Too few responses to publish";
      unranked.push({ ward: w.ward, reason, ...wardCrime });
      return [];
    }
    if (!complete) { unranked.push({ ward: w.ward, reason: "Recorded crime not loaded for every month", ...wardCrime }); return []; }
    return [{ ward: w.ward, notSafe: 1 - w.estimate.estimate, base: w.estimate.base, isWeighted: w.estimate.weighting !== undefined, ...wardCrime }];
  });
  const ranked = rankByGap(candidates);
  return { windowLabel: window.label, ranked, unranked, usesRates };
}

/** What a ward's gap says, as the gap page and its download both put it. */
export function describeGap(gap: number): string {
  return gap >= 0.25 ? "More worry than recorded crime suggests" : gap <= -0.25 ? "Less worry than recorded crime suggests" : "In step";
}
