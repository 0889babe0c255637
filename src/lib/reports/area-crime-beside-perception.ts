import type { Kysely } from "kysely";
import { recordedCrimeByWard } from "~/lib/crime/recorded-crime-by-ward";
import type { Database } from "~/lib/db/schema";
import { listCurrentWards } from "~/lib/geography/current-wards";
import { areaTrend } from "./area-trend";
import { PERCEPTION_BESIDE_CRIME, setBesidePerception, type CrimeBesidePerception } from "./crime-beside-perception";
import { sumCrimeWindows } from "./crime-windows";
import { listIndicatorDefinitions } from "./indicator-definition";
import type { ReportRequest } from "./report-request";
import { trendWindows, TREND_LENGTH } from "./ward-trends";

/**
 * Recorded crime and anti-social behaviour for the whole area (every ward in force on the
 * report's date, summed) over the windows of a ward's trend, beside the area's figure for feeling
 * safe after dark in each window, exactly as the overview shows it (suppressed and weighted by
 * the same decision). Crime recorded in wards since redrawn is not in the sum: the counts are kept
 * per ward of the boundaries in force in the crime's month.
 */
export async function areaCrimeBesidePerception(db: Kysely<Database>, request: ReportRequest, length = TREND_LENGTH): Promise<CrimeBesidePerception> {
  const wards = await listCurrentWards(db, request.options.onDate);
  const windows = trendWindows(request.periods, request.periodId, request.pooling, length, request.trendFromId);
  const periodIds = [...new Set(windows.flatMap((w) => w.periods.map((p) => p.id)))];
  const indicator = (await listIndicatorDefinitions(db)).find((i) => i.key === PERCEPTION_BESIDE_CRIME);
  const [perception, figures] = await Promise.all([
    indicator === undefined ? null : areaTrend(db, indicator, request, wards, windows),
    recordedCrimeByWard(db, { wardIds: wards.map((w) => w.id), periodIds }),
  ]);
  return setBesidePerception(sumCrimeWindows(windows, figures), perception);
}
