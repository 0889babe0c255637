import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { benjaminiHochberg } from "~/lib/stats/benjamini-hochberg";
import { indicatorsByWard, type Change, type IndicatorByWard } from "./indicator-by-ward";
import { listIndicatorDefinitions } from "./indicator-definition";
import type { ReportRequest } from "./report-request";

/** The false discovery rate the overview's list of changes is held to. */
export const FALSE_DISCOVERY_RATE = 0.05;

export type WardChange = { wardCode: string; wardName: string; indicatorKey: string; indicatorTitle: string; change: Change; adjustedPValue: number };
export type ChangeScreening = {
  /** Ward and indicator pairs with a published figure in both windows: the family tested. */
  tested: number;
  /** How many of them look real on their own (the interval excludes zero). */
  significantAlone: number;
  /** About how many would look real by chance alone if nothing had changed. */
  expectedByChance: number;
};
export type Overview = { reports: IndicatorByWard[]; realChanges: WardChange[]; screening: ChangeScreening };

/**
 * Every indicator for the area, and the wards whose change is real, largest first.
 *
 * Testing 53 wards on 16 indicators at 95% would flag about 40 changes a quarter by chance alone,
 * so the list holds a change only when its Newcombe interval excludes zero (as on every other
 * page) and its two-proportion test survives Benjamini–Hochberg control of the false discovery
 * rate at 5% across every change tested. The family is the same for every reader: a change is
 * tested only between two unsuppressed figures. When the reader chose a baseline, the list is of
 * changes since the baseline (what a board asks of a strategy), else since the window before.
 */
export async function overview(db: Kysely<Database>, request: ReportRequest): Promise<Overview> {
  // Standard indicators first, then the CSP's own (local questions), each marked on the page.
  const indicators = (await listIndicatorDefinitions(db)).sort((a, b) => Number(b.isNational) - Number(a.isNational));
  const reports = await indicatorsByWard(db, indicators, request.windows, request.options);
  const tested = reports.flatMap((report) =>
    report.wards.flatMap((w) => {
      const change = request.windows.baseline ? w.changeFromBaseline : w.change;
      return change ? [{ wardCode: w.ward.gssCode, wardName: w.ward.name, indicatorKey: report.indicator.key, indicatorTitle: report.indicator.title, change }] : [];
    }),
  );
  const control = benjaminiHochberg(tested.map((t) => t.change.pValue), FALSE_DISCOVERY_RATE);
  const realChanges = tested
    .map((t, i) => ({ ...t, adjustedPValue: control.adjusted[i]! }))
    .filter((t, i) => t.change.isSignificant && control.isDiscovery[i])
    .sort((a, b) => Math.abs(b.change.difference) - Math.abs(a.change.difference));
  const significantAlone = tested.filter((t) => t.change.isSignificant).length;
  return { reports, realChanges, screening: { tested: tested.length, significantAlone, expectedByChance: tested.length * (1 - request.options.confidence) } };
}
