import type { CurrentWard } from "~/lib/geography/current-wards";
import { latestMargins, type WardPopulations } from "~/lib/geography/population/ward-populations";
import type { Result } from "~/lib/result";
import type { WeightedAnswer } from "~/lib/stats/effective-sample-size";
import { weightedWilsonInterval } from "~/lib/stats/weighted-wilson-interval";
import type { ClassCount, IndicatorCount, SampleCount } from "./indicator-counts";
import type { ReportingWindow } from "./reporting-windows";
import { weighWard, type ClassCell, type WardWeights } from "./weigh-ward";

/** What weighting made of one figure: a weighted estimate, or why there is none. */
export type CellWeighting =
  | {
      isWeighted: true;
      estimate: number;
      lower: number;
      upper: number;
      /** Responses in the weighted figure (unweighted), and how many of them said yes. */
      base: number;
      numerator: number;
      effectiveBase: number;
      designEffect: number;
      /** Responses in the indicator's base left out for want of an age band or sex. */
      withoutClass: number;
      /** Aggregate returns' counts in the unweighted base, left out: counts cannot be weighted. */
      fromCounts: number;
    }
  | { isWeighted: false; reason: string };

export type WeightingData = {
  byClass: readonly ClassCount[];
  sample: readonly SampleCount[];
  aggregateCounts: readonly IndicatorCount[];
  populations: WardPopulations;
};

export type ReportWeighting = {
  /** One ward's figure over a window; null when it has nothing to weigh (no responses and no counts). */
  ward(indicatorId: number, wardId: number, window: ReportingWindow): CellWeighting | null;
  /** The whole area's figure over a window: each ward's weights grossed up to its population. */
  area(indicatorId: number, window: ReportingWindow): CellWeighting | null;
};

/** The calendar year a window starts in: weighting uses the latest population estimates no later than it. */
export const windowYear = (window: ReportingWindow) => Number((window.periods[0]?.startsOn ?? "0").slice(0, 4));

type Pooled = { cells: Map<string, ClassCell & { numerator: number; base: number }>; withoutClass: number; fromCounts: number; responses: number };

/**
 * Weighting for a report, from counts the database has grouped by ward, period, age band and sex
 * (countIndicatorsByClass). Pure: no database, no clock.
 *
 * Each ward is raked once per window (weighWard), over every response of the window that gave
 * both age band and sex, and those weights serve every indicator: one weight per respondent, as
 * survey practice has it. A figure is then Σw·yes / Σw over the indicator's responses that have
 * a weight, with a Wilson interval on Kish's effective base (weightedWilsonInterval).
 * The area's figure grosses each ward's weights up to the ward's population (weight ×
 * population / respondents), so that a ward answers for its share of the area's people, not of
 * its responses; it is weighted only when every ward with responses is, and otherwise says in
 * which wards weighting was not possible.
 * Responses without age band or sex, and aggregate returns, are left out of a weighted figure and
 * counted, so the page can say so; a figure built only from them is not weighted, with the reason.
 */
export function reportWeighting(data: WeightingData, wards: readonly CurrentWard[], confidence: number): ReportWeighting {
  const byWard = <T extends { wardId: number }>(rows: readonly T[], key: (row: T) => string) => {
    const grouped = new Map<string, T[]>();
    for (const row of rows) grouped.set(key(row), [...(grouped.get(key(row)) ?? []), row]);
    return grouped;
  };
  const classCounts = byWard(data.byClass, (c) => `${c.indicatorId}:${c.wardId}`);
  const aggregateCounts = byWard(data.aggregateCounts, (c) => `${c.indicatorId}:${c.wardId}`);
  const samples = byWard(data.sample, (s) => String(s.wardId));
  const weightsCache = new Map<string, Result<WardWeights, string>>();
  const pooledCache = new Map<string, Pooled>();
  const periodKey = (window: ReportingWindow) => window.periods.map((p) => p.id).join(",");
  const inWindow = (window: ReportingWindow) => {
    const ids = new Set(window.periods.map((p) => p.id));
    return (periodId: number) => ids.has(periodId);
  };

  const weightsFor = (wardId: number, window: ReportingWindow): Result<WardWeights, string> => {
    const key = `${wardId}:${periodKey(window)}`;
    const cached = weightsCache.get(key);
    if (cached) return cached;
    const isIn = inWindow(window);
    const pooled = new Map<string, ClassCell>();
    for (const s of samples.get(String(wardId)) ?? []) {
      if (!isIn(s.periodId)) continue;
      const cell = pooled.get(`${s.ageBand}|${s.sex}`) ?? { ageBand: s.ageBand, sex: s.sex, responses: 0 };
      cell.responses += s.responses;
      pooled.set(`${s.ageBand}|${s.sex}`, cell);
    }
    const year = windowYear(window);
    const result = weighWard([...pooled.values()], latestMargins(data.populations, wardId, year), year);
    weightsCache.set(key, result);
    return result;
  };

  const pool = (indicatorId: number, wardId: number, window: ReportingWindow): Pooled => {
    const key = `${indicatorId}:${wardId}:${periodKey(window)}`;
    const cached = pooledCache.get(key);
    if (cached) return cached;
    const isIn = inWindow(window);
    const pooled: Pooled = { cells: new Map(), withoutClass: 0, fromCounts: 0, responses: 0 };
    pooledCache.set(key, pooled);
    for (const c of classCounts.get(`${indicatorId}:${wardId}`) ?? []) {
      if (!isIn(c.periodId)) continue;
      pooled.responses += c.base;
      if (c.ageBand === null || c.sex === null) {
        pooled.withoutClass += c.base;
        continue;
      }
      const key = `${c.ageBand}|${c.sex}`;
      const cell = pooled.cells.get(key) ?? { ageBand: c.ageBand, sex: c.sex, responses: 0, numerator: 0, base: 0 };
      cell.numerator += c.numerator;
      cell.base += c.base;
      pooled.cells.set(key, cell);
    }
    for (const c of aggregateCounts.get(`${indicatorId}:${wardId}`) ?? []) {
      if (isIn(c.periodId)) pooled.fromCounts += c.base;
    }
    return pooled;
  };

  /** Answers with weights for a ward's pooled cells, each weight multiplied by `scale`. */
  const answersOf = (pooled: Pooled, weights: WardWeights, scale: number): WeightedAnswer[] =>
    [...pooled.cells.values()].flatMap((cell) => {
      const weight = weights.weightOf(cell.ageBand, cell.sex)! * scale;
      return [
        ...(cell.numerator > 0 ? [{ weight, isYes: true, count: cell.numerator }] : []),
        ...(cell.base > cell.numerator ? [{ weight, isYes: false, count: cell.base - cell.numerator }] : []),
      ];
    });

  const weighed = (answers: WeightedAnswer[], pooled: { withoutClass: number; fromCounts: number }): CellWeighting => {
    const interval = weightedWilsonInterval(answers, confidence);
    const numerator = answers.reduce((sum, a) => sum + (a.isYes ? (a.count ?? 1) : 0), 0);
    return { isWeighted: true, ...interval, numerator, withoutClass: pooled.withoutClass, fromCounts: pooled.fromCounts };
  };

  /** A figure with no response that gave age band and sex: nothing at all, or the reason it is not weighted. */
  const nothingToWeigh = (pooled: { responses: number; fromCounts: number }): CellWeighting | null => {
    if (pooled.responses > 0) return { isWeighted: false, reason: `none of its ${pooled.responses} ${pooled.responses === 1 ? "response gives" : "responses give"} both age band and sex` };
    return pooled.fromCounts === 0 ? null : { isWeighted: false, reason: "the figure comes only from aggregate returns (counts), which cannot be weighted" };
  };

  return {
    ward(indicatorId, wardId, window) {
      const pooled = pool(indicatorId, wardId, window);
      if (pooled.cells.size === 0) return nothingToWeigh(pooled);
      const weights = weightsFor(wardId, window);
      if (!weights.ok) return { isWeighted: false, reason: weights.error };
      return weighed(answersOf(pooled, weights.value, 1), pooled);
    },

    area(indicatorId, window) {
      const answers: WeightedAnswer[] = [];
      const failed: string[] = [];
      const total = { responses: 0, withoutClass: 0, fromCounts: 0, cells: 0 };
      for (const ward of wards) {
        const pooled = pool(indicatorId, ward.id, window);
        total.responses += pooled.responses;
        total.withoutClass += pooled.withoutClass;
        total.fromCounts += pooled.fromCounts;
        if (pooled.cells.size === 0) continue;
        total.cells += pooled.cells.size;
        const weights = weightsFor(ward.id, window);
        if (!weights.ok) {
          failed.push(ward.name);
          continue;
        }
        answers.push(...answersOf(pooled, weights.value, weights.value.population / weights.value.respondents));
      }
      if (failed.length > 0) {
        const withResponses = wards.filter((ward) => pool(indicatorId, ward.id, window).cells.size > 0).length;
        return { isWeighted: false, reason: `weighting was not possible in ${failed.length} of the ${withResponses} wards with responses (${failed.join(", ")}); each ward’s figure says why` };
      }
      if (total.cells === 0) return nothingToWeigh(total);
      return weighed(answers, total);
    },
  };
}
