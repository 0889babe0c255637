import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import type { IndicatorDefinition } from "./indicator-definition";

export type IndicatorCount = { indicatorId: number; wardId: number; periodId: number; numerator: number; base: number; sources: string[] };
export type CountFilter = { periodIds: number[]; comparability: Comparability[] };

const ids = (values: number[]) => (values.length === 0 ? sql`(null)` : sql`(${sql.join(values)})`);

/**
 * The numerator and unweighted base of each indicator for every ward and period, aggregated in
 * the database in one statement (one branch of a UNION ALL per indicator), so that a report over
 * many indicators and periods costs one round trip rather than one per indicator or period.
 * A resident counts once per indicator: first their answers to its questions are rolled up per
 * response, then responses per ward and period.
 *  - share_of_options: the one question's answer is among the counted options;
 *  - any_question_option: any of the questions' answers is counted (the worry composites);
 *  - score_at_least: every question answered, scores summed ("Don't know" adding its setting),
 *    at or above the threshold (high perceived ASB: 11 of 21, ONS User Guide).
 * Answers whose option is excluded from the base are left out before anything is counted.
 */
export async function countIndicators(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], filter: CountFilter): Promise<IndicatorCount[]> {
  const counted = indicators.filter((i) => i.questionIds.length > 0);
  if (filter.periodIds.length === 0 || counted.length === 0 || filter.comparability.length === 0) return [];
  const branches = counted.map((indicator) => sql`(${countOne(indicator, filter)})`);
  // The window's responses and their source are found once, and every branch reads them.
  const rows = await sql<{ indicator_id: number; ward_id: number; period_id: number; numerator: number; base: number; sources: string[] }>`
    with r as materialized (
      select r.id, r.ward_id, r.reporting_period_id,
             coalesce(ps.name, case r.channel when 'web' then 'Web' else r.channel end) as source
      from survey_response r
      left join partner_source ps on ps.id = r.partner_source_id
      where r.reporting_period_id in ${ids(filter.periodIds)}
    )
    ${sql.join(branches, sql` union all `)}
  `.execute(db);
  const fromResponses = rows.rows.map((r) => ({
    indicatorId: r.indicator_id, wardId: r.ward_id, periodId: r.period_id, numerator: Number(r.numerator), base: Number(r.base), sources: r.sources,
  }));
  return withAggregateCounts(fromResponses, await countAggregateReturns(db, counted, filter));
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

function countOne(indicator: IndicatorDefinition, filter: CountFilter): RawBuilder<unknown> {
  const required = indicator.calculation === "score_at_least" ? indicator.questionIds.length : 1;
  const isYes =
    indicator.calculation === "score_at_least"
      ? sql`sum(case when a.response_option_id in ${ids(indicator.dontKnowOptionIds)} then ${indicator.dontKnowScore} else coalesce(o.score, 0) end) >= ${indicator.threshold ?? 0}`
      : sql`bool_or(a.response_option_id in ${ids(indicator.countedOptionIds)})`;
  return sql`
    select ${indicator.id}::int as indicator_id, ward_id, reporting_period_id as period_id,
           count(*) filter (where is_yes)::int as numerator,
           count(*)::int as base,
           array_agg(distinct source order by source) as sources
    from (
      select r.id, r.ward_id, r.reporting_period_id, r.source,
             count(distinct a.question_id) as answered,
             ${isYes} as is_yes
      from answer a
      join r on r.id = a.survey_response_id
      join response_option o on o.id = a.response_option_id
      where a.question_id in ${ids(indicator.questionIds)}
        and ${indicator.excludedOptionIds.length === 0 ? sql`true` : sql`a.response_option_id not in ${ids(indicator.excludedOptionIds)}`}
        and a.comparability in (${sql.join(filter.comparability)})
      group by r.id, r.ward_id, r.reporting_period_id, r.source
    ) per_response
    where answered >= ${required}
    group by ward_id, reporting_period_id
  `;
}
