import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~/lib/db/schema";
import { todayInUk } from "~/lib/periods/uk-date";
import { readSettings } from "~/lib/settings/settings";
import { err, ok, type Result } from "~/lib/result";
import type { ReportOptions, ReportWindows, SourcesChoice } from "./indicator-by-ward";
import { listPeriods, windowsEndingAt, type Period, type Pooling } from "./reporting-windows";

const requestSchema = z.object({
  period: z.coerce.number().int().positive().optional(),
  pooling: z.enum(["quarter", "rolling_year"]).default("quarter"),
  comparability: z.enum(["same", "same_and_equivalent"]).default("same_and_equivalent"),
  sources: z.enum(["all", "web", "partners"]).default("all"),
  weighted: z.enum(["no", "yes"]).default("no"),
  // The form's "no baseline" choice sends an empty value.
  baseline: z.union([z.literal("").transform(() => undefined), z.coerce.number().int().positive()]).optional(),
  // Where trends start; empty for the last TREND_LENGTH windows.
  from: z.union([z.literal("").transform(() => undefined), z.coerce.number().int().positive()]).optional(),
});

export type ReportRequest = {
  periods: Period[];
  periodId: number;
  pooling: Pooling;
  comparabilityChoice: "same" | "same_and_equivalent";
  /** Every source, residents' web survey alone (whose answers are all worded the same), or partners alone. */
  sourcesChoice: SourcesChoice;
  /** Figures weighted to each ward's population by age band and sex, where that is possible. */
  isWeighted: boolean;
  /** `baseline` is the window the reader chose to measure change from as well, if any. */
  windows: ReportWindows;
  /** The period trends start at, if the reader chose one (else they show the last few windows). */
  trendFromId?: number;
  options: ReportOptions;
};

/**
 * Reads a report's filters from its address: the period it ends at (the latest by default),
 * quarterly or rolling-year figures, which comparability grades count, every source, the
 * residents' web survey alone or partners alone, whether figures are
 * weighted (off by default), and optionally a baseline period to measure change from as well as
 * from the window before (a quarter, or the four quarters to it, as the figures are). The
 * baseline must end before the figures' window begins, so the two samples are independent.
 * Trends run from a chosen period (at or before the report's) to the report's period.
 * "Not comparable" answers never join a standard series (DOMAIN.md).
 */
export async function readReportRequest(db: Kysely<Database>, params: URLSearchParams, reader: { canSeeSuppressed: boolean }): Promise<Result<ReportRequest, string>> {
  const parsed = requestSchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return err("The report’s filters are not ones it offers: choose them again from the form");
  const periods = await listPeriods(db);
  const today = todayInUk();
  const latest = [...periods].reverse().find((p) => p.startsOn <= today);
  const periodId = parsed.data.period ?? latest?.id;
  const windows = periodId === undefined ? null : windowsEndingAt(periods, periodId, parsed.data.pooling);
  if (!windows) return err("There is no such reporting period: choose one from the list");
  const baselineId = parsed.data.baseline;
  const baseline = baselineId === undefined ? null : windowsEndingAt(periods, baselineId, parsed.data.pooling)?.current;
  if (baseline === undefined) return err("There is no such baseline period: choose one from the list");
  if (baseline !== null && baseline.periods.at(-1)!.startsOn >= windows.current.periods[0]!.startsOn) {
    return err(`The baseline must end before ${windows.current.label} begins: choose an earlier one`);
  }
  const trendFromId = parsed.data.from;
  if (trendFromId !== undefined) {
    const from = periods.findIndex((p) => p.id === trendFromId);
    if (from === -1) return err("There is no such period to start the trends from: choose one from the list");
    if (from > periods.findIndex((p) => p.id === periodId)) {
      return err(`The trends must start at or before ${periods.find((p) => p.id === periodId)!.label}: choose an earlier start, or a later period`);
    }
  }
  const settings = await readSettings(db);
  return ok({
    periods,
    periodId: periodId!,
    pooling: parsed.data.pooling,
    comparabilityChoice: parsed.data.comparability,
    sourcesChoice: parsed.data.sources,
    isWeighted: parsed.data.weighted === "yes",
    windows: { ...windows, baseline },
    ...(trendFromId === undefined ? {} : { trendFromId }),
    options: {
      threshold: settings.suppressionThreshold,
      confidence: settings.confidenceLevel,
      comparability: parsed.data.comparability === "same" ? ["same"] : ["same", "equivalent"],
      sources: parsed.data.sources,
      canSeeSuppressed: reader.canSeeSuppressed,
      onDate: today,
      isWeighted: parsed.data.weighted === "yes",
    },
  });
}
