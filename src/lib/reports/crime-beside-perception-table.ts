import type { CrimeBesidePerception } from "./crime-beside-perception";
import { weightedCell } from "./indicator-table";
import type { ReportTable, TableCell } from "./table-download";

const HEADER = [
  "period",
  "recorded crime", "anti-social behaviour", "recorded crime per 1,000 aged 16+", "anti-social behaviour per 1,000 aged 16+", "months loaded", "months in period",
  "feel safe after dark: numerator", "base", "percentage", "lower", "upper", "suppressed", "suppression reason", "effective base", "weighted",
];

/** Where the figures are for: a ward, or the whole area (every ward in force summed). */
export type CrimeTablePlace = { kind: "ward" | "area"; name: string; gssCode: string };

/**
 * A ward's (or the whole area's) "recorded crime beside perception" table as rows for a spreadsheet, one per window of
 * its trend. Recorded crime is public and never suppressed, but a window with no month loaded has
 * empty crime cells, not noughts, as the page says "Not loaded". The perception cells hold
 * exactly what the reader may see, as indicatorTable's do: a suppressed figure reaches a CSP
 * member as empty cells with its flag; an administrator gets its numbers with the flag.
 */
export function crimeBesidePerceptionTable(place: CrimeTablePlace, data: CrimeBesidePerception, isWeightedReport: boolean): ReportTable {
  const rows = data.windows.map((w, i): TableCell[] => {
    const isLoaded = w.monthsLoaded > 0;
    const point = data.perception?.points[i];
    const e = point?.estimate ?? null;
    const percent = (value: number | undefined) => (value === undefined ? null : Math.round(value * 1000) / 10);
    return [
      place.name, place.gssCode, w.label,
      isLoaded ? w.crimes : null, isLoaded ? w.antiSocialBehaviour : null,
      isLoaded ? w.crimesPer1000 : null, isLoaded ? w.antiSocialBehaviourPer1000 : null, w.monthsLoaded, w.monthsInWindow,
      e?.weighting ? null : (e?.numerator ?? null), e?.base ?? null, percent(e?.estimate), percent(e?.lower), percent(e?.upper),
      point === undefined ? "" : point.suppression.isSuppressed ? "yes" : "no", point?.suppression.reason ?? "",
      e?.weighting ? Math.round(e.weighting.effectiveBase * 10) / 10 : null, point === undefined ? "" : weightedCell(isWeightedReport, point),
    ];
  });
  return { title: "Recorded crime and perception", rows: [[place.kind, `${place.kind} code`, ...HEADER], ...rows] };
}
