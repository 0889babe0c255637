import type { RecordedCrimeFigure } from "~/lib/crime/recorded-crime-by-ward";
import type { ReportingWindow } from "./reporting-windows";

export type CrimeWindow = {
  label: string;
  crimes: number;
  antiSocialBehaviour: number;
  /** Per 1,000 residents aged 16 or over, to one decimal; null unless every ward counted has a population. */
  crimesPer1000: number | null;
  antiSocialBehaviourPer1000: number | null;
  monthsLoaded: number;
  monthsInWindow: number;
};

/**
 * Recorded crime over each window, summed over the window's periods (a rolling window sums its
 * quarters) and over every ward `figures` holds: one ward for its own page, every current ward
 * for the whole area. Pure: no database.
 *
 * A rate needs the crime and the people over the same wards, so it is given only when every
 * ward has a population for every period of the window; otherwise the window has counts alone,
 * rather than the crime of all wards over the people of some. The population is each ward's
 * for the window's latest period (the latest estimate year it uses), summed over the wards.
 * Months loaded are counted once per period, not per ward: data.police.uk loads a month for the
 * whole force, so every ward has the same months (recordedCrimeByWard counts them per period).
 */
export function sumCrimeWindows(windows: readonly ReportingWindow[], figures: readonly RecordedCrimeFigure[]): CrimeWindow[] {
  const wardIds = [...new Set(figures.map((f) => f.wardId))];
  return windows.map((window): CrimeWindow => {
    const periodIds = new Set(window.periods.map((p) => p.id));
    const own = figures.filter((f) => periodIds.has(f.periodId));
    const sum = (pick: (f: RecordedCrimeFigure) => number) => own.reduce((total, f) => total + pick(f), 0);
    const latest = window.periods.at(-1)?.id;
    const populations = wardIds.map((id) => own.find((f) => f.wardId === id && f.periodId === latest)?.population?.aged16AndOver ?? null);
    const hasRates = own.length > 0 && own.every((f) => f.population !== null) && populations.every((p) => p !== null);
    const population = populations.reduce<number>((total, p) => total + (p ?? 0), 0);
    const per1000 = (count: number) => (hasRates && population > 0 ? Math.round((count / population) * 10_000) / 10 : null);
    // One ward's figures stand for the months of each period: every ward has the same ones.
    const perPeriod = own.filter((f) => f.wardId === own[0]?.wardId);
    return {
      label: window.label,
      crimes: sum((f) => f.crimes),
      antiSocialBehaviour: sum((f) => f.antiSocialBehaviour),
      crimesPer1000: per1000(sum((f) => f.crimes)),
      antiSocialBehaviourPer1000: per1000(sum((f) => f.antiSocialBehaviour)),
      monthsLoaded: perPeriod.reduce((total, f) => total + f.monthsLoaded, 0),
      monthsInWindow: perPeriod.reduce((total, f) => total + f.monthsInPeriod, 0),
    };
  });
}
