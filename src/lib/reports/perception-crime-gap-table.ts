import { describeGap, type PerceptionCrimeGap, type WardCrime } from "./perception-crime-gap";
import type { ReportTable, TableCell } from "./table-download";

const HEADER = [
  "ward", "ward code", "period", "% who do not feel safe after dark", "base",
  "recorded crime", "anti-social behaviour", "recorded crime per 1,000 aged 16+", "months loaded", "months in period",
  "worry rank", "crime rank", "gap", "description", "weighted",
];

/**
 * The "Worry and recorded crime" table as rows for a spreadsheet: the ranked wards in the page's
 * order, then the wards left out, each with the reason as its description. A ward left out has
 * its recorded crime (public data) and no perception figure or base, whoever reads: the ranking
 * is built on published figures only, so an administrator's file holds no suppressed figure
 * either. Ranks run 0 (lowest) to 1 (highest) among the ranked wards.
 */
export function perceptionCrimeGapTable(gap: PerceptionCrimeGap): ReportTable {
  const crimeCells = (w: WardCrime): TableCell[] => [
    w.crimes, w.antiSocialBehaviour, w.crimesPer1000 === null ? null : round(w.crimesPer1000, 1), w.monthsLoaded, w.monthsInWindow,
  ];
  return {
    title: "Worry and recorded crime",
    rows: [
      HEADER,
      ...gap.ranked.map((w) => [
        w.ward.name, w.ward.gssCode, gap.windowLabel, round(w.notSafe * 100, 1), w.base, ...crimeCells(w),
        round(w.worryRank, 3), round(w.crimeRank, 3), round(w.gap, 3), describeGap(w.gap), w.isWeighted ? "yes" : "no",
      ]),
      ...gap.unranked.map((w) => [
        w.ward.name, w.ward.gssCode, gap.windowLabel, null, null, ...crimeCells(w),
        null, null, null, `Not ranked: ${w.reason}`, "",
      ]),
    ],
  };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
