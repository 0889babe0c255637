import { sql, type Kysely } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import type { SourcesChoice } from "./indicator-by-ward";
import type { IndicatorDefinition } from "./indicator-definition";
import { countResponses, type ResponseCountRow, type WeightingClasses } from "./response-counts";

export type IndicatorCount = { indicatorId: number; wardId: number; periodId: number; numerator: number; base: number; sources: string[] };
/**
 * `sources` keeps the counts to residents' web survey (responses with no partner source, and no
 * aggregate returns), or to partners (responses with a partner source, and aggregate returns).
 */
export type CountFilter = { periodIds: number[]; comparability: Comparability[]; sources?: SourcesChoice };

const ids = (values: number[]) => (values.length === 0 ? sql`(null)` : sql`(${sql.join(values)})`);

/**
 * The numerator and unweighted base of each indicator for every ward and period, aggregated in
 * the database in one statement. A resident counts once per indicator: their answers are rolled
 * up per response first, every indicator at once, then responses per ward and period.
 *  - share_of_options: the one question's answer is among the counted options;
 *  - any_question_option: any of the questions' answers is counted (the worry composites);
 *  - score_at_least: every question answered, scores summed ("Don't know" adding its setting),
 *    at or above the threshold (high perceived ASB: 11 of 21, ONS User Guide).
 * Answers whose option is excluded from an indicator's base are left out of that indicator.
 *
 * Given for every source, and split into residents' web survey (responses with no partner
 * source) and partners (the rest, and aggregate returns), from the same rows: the statement
 * groups them by source already.
 *
 * One pass over the window's answers, not one per indicator: the answers are read once and each
 * response is grouped once, so the cost stays close to a bare count of the same rows however
 * many indicators there are (`npm run bench` measures it against exactly that count).
 */
export async function countIndicators(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], filter: Omit<CountFilter, "sources">): Promise<Record<SourcesChoice, IndicatorCount[]>> {
  const counted = indicators.filter((i) => i.questionIds.length > 0);
  if (filter.periodIds.length === 0 || counted.length === 0 || filter.comparability.length === 0) return { all: [], web: [], partners: [] };
  const rows = await countResponses(db, counted, filter);
  const aggregate = await countAggregateReturns(db, counted, filter);
  return {
    all: withAggregateCounts(sumOverClasses(counted, rows), aggregate),
    web: sumOverClasses(counted, rows.filter((row) => row.partner_source_id === null)),
    partners: withAggregateCounts(sumOverClasses(counted, rows.filter((row) => row.partner_source_id !== null)), aggregate),
  };
}

/** Counts of one indicator's responses in one age band and sex (null where a response gave none). */
export type ClassCount = { indicatorId: number; wardId: number; periodId: number; ageBand: string | null; sex: string | null; numerator: number; base: number };
/** How many responses in a ward and period gave this age band and sex: the sample rim weighting rakes. */
export type SampleCount = { wardId: number; periodId: number; ageBand: string; sex: string; responses: number };
export type CountsByClass = {
  /** As countIndicators gives them: responses and aggregate returns together, unweighted. */
  counts: IndicatorCount[];
  /** The aggregate returns alone, which cannot be weighted. */
  aggregateCounts: IndicatorCount[];
  /** The responses (never the aggregate returns) split by age band and sex. */
  byClass: ClassCount[];
  sample: SampleCount[];
};

/**
 * countIndicators, and the same responses split by each response's age band and sex, for
 * weighting, from the same statement: the numbers agree because they are the same rows.
 */
export async function countIndicatorsByClass(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], filter: CountFilter, classes: WeightingClasses): Promise<CountsByClass> {
  const counted = indicators.filter((i) => i.questionIds.length > 0);
  if (filter.periodIds.length === 0 || counted.length === 0 || filter.comparability.length === 0) return { counts: [], aggregateCounts: [], byClass: [], sample: [] };
  const rows = await countResponses(db, counted, filter, classes);
  const aggregateCounts = filter.sources === "web" ? [] : await countAggregateReturns(db, counted, filter);
  const classOf = (row: ResponseCountRow) => ({
    ageBand: row.age_option === null ? null : (classes.ageBandByOptionId.get(row.age_option) ?? null),
    sex: row.sex_option === null ? null : (classes.sexByOptionId.get(row.sex_option) ?? null),
  });
  const byClass: ClassCount[] = [];
  const sample = new Map<string, SampleCount>();
  for (const row of rows) {
    const { ageBand, sex } = classOf(row);
    counted.forEach((indicator, i) => {
      const base = Number(row[`base_${i}`]);
      if (base > 0) byClass.push({ indicatorId: indicator.id, wardId: row.ward_id, periodId: row.period_id, ageBand, sex, numerator: Number(row[`yes_${i}`]), base });
    });
    if (ageBand !== null && sex !== null && row.sampled > 0) {
      const key = `${row.ward_id}:${row.period_id}:${ageBand}:${sex}`;
      const existing = sample.get(key);
      if (existing) existing.responses += row.sampled;
      else sample.set(key, { wardId: row.ward_id, periodId: row.period_id, ageBand, sex, responses: row.sampled });
    }
  }
  return { counts: withAggregateCounts(sumOverClasses(counted, rows), aggregateCounts), aggregateCounts, byClass, sample: [...sample.values()] };
}

/** Each indicator's counts per ward and period, with the sources they came from, from rows that may be split further. */
function sumOverClasses(indicators: readonly IndicatorDefinition[], rows: readonly ResponseCountRow[]): IndicatorCount[] {
  const sums = new Map<string, IndicatorCount>();
  for (const row of rows) {
    indicators.forEach((indicator, i) => {
      const base = Number(row[`base_${i}`]);
      if (base === 0) return;
      const key = `${indicator.id}:${row.ward_id}:${row.period_id}`;
      const existing = sums.get(key);
      if (existing) {
        existing.numerator += Number(row[`yes_${i}`]);
        existing.base += base;
        if (!existing.sources.includes(row.source)) existing.sources = [...existing.sources, row.source].sort();
      } else {
        sums.set(key, { indicatorId: indicator.id, wardId: row.ward_id, periodId: row.period_id, numerator: Number(row[`yes_${i}`]), base, sources: [row.source] });
      }
    });
  }
  return [...sums.values()];
}

/**
 * Aggregate returns (counts from partners who send no rows) for the indicators they can serve:
 * those on one question, whose numerator and base are sums of answer counts. Indicators that
 * combine a person's answers to several questions cannot be built from counts, so none are
 * added to them. A count's source says "counts", so every table shows where counts went in.
 */
async function countAggregateReturns(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], filter: CountFilter): Promise<IndicatorCount[]> {
  const single = indicators.filter((i) => i.calculation === "share_of_options" && i.questionIds.length === 1);
  if (single.length === 0) return [];
  const branches = single.map((indicator) => sql`(
    select ${indicator.id}::int as indicator_id, c.ward_id, c.reporting_period_id as period_id,
           coalesce(sum(c.count) filter (where c.response_option_id in ${ids(indicator.countedOptionIds)}), 0)::int as numerator,
           sum(c.count)::int as base,
           array_agg(distinct ps.name || ' (counts)') as sources
    from aggregate_count c
    join partner_source ps on ps.id = c.partner_source_id
    where c.reporting_period_id in ${ids(filter.periodIds)}
      and c.question_id = ${indicator.questionIds[0]!}
      and ${indicator.excludedOptionIds.length === 0 ? sql`true` : sql`c.response_option_id not in ${ids(indicator.excludedOptionIds)}`}
      and c.comparability in (${sql.join(filter.comparability)})
    group by c.ward_id, c.reporting_period_id
  )`);
  const rows = await sql<{ indicator_id: number; ward_id: number; period_id: number; numerator: number; base: number; sources: string[] }>`${sql.join(branches, sql` union all `)}`.execute(db);
  return rows.rows.map((r) => ({ indicatorId: r.indicator_id, wardId: r.ward_id, periodId: r.period_id, numerator: Number(r.numerator), base: Number(r.base), sources: r.sources }));
}

/** Adds counts to the figures from responses for the same indicator, ward and period. */
export function withAggregateCounts(fromResponses: readonly IndicatorCount[], fromCounts: readonly IndicatorCount[]): IndicatorCount[] {
  const key = (c: IndicatorCount) => `${c.indicatorId}:${c.wardId}:${c.periodId}`;
  const merged = new Map(fromResponses.map((c) => [key(c), { ...c, sources: [...c.sources] }]));
  for (const c of fromCounts) {
    const existing = merged.get(key(c));
    if (existing === undefined) merged.set(key(c), { ...c, sources: [...c.sources] });
    else {
      existing.numerator += c.numerator;
      existing.base += c.base;
      existing.sources = [...new Set([...existing.sources, ...c.sources])].sort();
    }
  }
  return [...merged.values()];
}
