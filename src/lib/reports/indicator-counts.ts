import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { arrayLiteralById, bitsColumn, indicatorBitmasks } from "./indicator-bitmasks";
import type { IndicatorDefinition } from "./indicator-definition";

export type IndicatorCount = { indicatorId: number; wardId: number; periodId: number; numerator: number; base: number; sources: string[] };
export type CountFilter = { periodIds: number[]; comparability: Comparability[] };

/** Up to this many questions, their answers are found by the question's index (see countResponses). */
const FEW_QUESTIONS = 4;
/** How many comparability grades there are (same, equivalent, not comparable). */
const COMPARABILITY_GRADES = 3;
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
 * One pass over the window's answers, not one per indicator: the answers are read once and each
 * response is grouped once, so the cost stays close to a bare count of the same rows however
 * many indicators there are (`npm run bench` measures it against exactly that count).
 */
export async function countIndicators(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], filter: CountFilter): Promise<IndicatorCount[]> {
  const counted = indicators.filter((i) => i.questionIds.length > 0);
  if (filter.periodIds.length === 0 || counted.length === 0 || filter.comparability.length === 0) return [];
  const rows = await countResponses(db, counted, filter);
  const fromResponses = new Map<string, IndicatorCount>();
  for (const row of rows) {
    counted.forEach((indicator, i) => {
      const base = Number(row[`base_${i}`]);
      if (base === 0) return;
      const key = `${indicator.id}:${row.ward_id}:${row.period_id}`;
      const existing = fromResponses.get(key);
      if (existing) {
        existing.numerator += Number(row[`yes_${i}`]);
        existing.base += base;
        existing.sources = [...new Set([...existing.sources, row.source])].sort();
      } else {
        fromResponses.set(key, { indicatorId: indicator.id, wardId: row.ward_id, periodId: row.period_id, numerator: Number(row[`yes_${i}`]), base, sources: [row.source] });
      }
    });
  }
  return withAggregateCounts([...fromResponses.values()], await countAggregateReturns(db, counted, filter));
}

type ResponseCountRow = { ward_id: number; period_id: number; source: string } & Record<`base_${number}` | `yes_${number}`, number>;

/** Per ward, period and source: for each indicator (by its index), the responses in its base and those counted "yes". */
async function countResponses(db: Kysely<Database>, indicators: readonly IndicatorDefinition[], filter: CountFilter): Promise<ResponseCountRow[]> {
  const layout = indicatorBitmasks(indicators);
  const n = (value: number) => sql.raw(String(value));
  const lookup = (values: ReadonlyMap<number, bigint | number>, type: "bigint" | "int", by: RawBuilder<unknown>) => {
    const literal = arrayLiteralById(values);
    return literal === null ? sql`null::${sql.raw(type)}` : sql`(${literal}::${sql.raw(type)}[])[${by}]`;
  };
  const columns = Array.from({ length: layout.columns }, (_, c) => c);
  const yesColumns = Array.from({ length: layout.yesColumns }, (_, c) => c);
  const scores = layout.scores.flatMap((points, i) => (points === null ? [] : [{ i, points }]));
  // Per answer, by lookup rather than by comparisons: its bits in each column, and its points
  // for each score. An answer whose comparability grade is not counted has no bits and no points.
  const isCountedGrade = filter.comparability.length === COMPARABILITY_GRADES ? sql`true` : sql`a.comparability in (${sql.join(filter.comparability)})`;
  const whenCounted = (value: RawBuilder<unknown>) => sql`case when ${isCountedGrade} then coalesce(${value}, 0) else 0 end`;
  const perResponse = [
    ...columns.map((c) => sql`bit_or(${whenCounted(sql`${lookup(bitsColumn(layout.questionBits, c), "bigint", sql`a.question_id`)} & ~coalesce(${lookup(bitsColumn(layout.excludedBits, c), "bigint", sql`a.response_option_id`)}, 0)`)}) as in_${n(c)}`),
    ...yesColumns.map((c) => sql`bit_or(${whenCounted(lookup(bitsColumn(layout.yesBits, c), "bigint", sql`a.response_option_id`))}) as yes_${n(c)}`),
    ...scores.map(({ i, points }) => sql`sum(${whenCounted(lookup(points, "int", sql`a.response_option_id`))}) as score_${n(i)}`),
  ];
  const totals = layout.indicators.flatMap((bits, i) => {
    const mask = sql`${String(bits.questionMask)}::bigint`;
    const inBase = bits.needsEveryQuestion ? sql`in_${n(bits.column)} & ${mask} = ${mask}` : sql`in_${n(bits.column)} & ${mask} <> 0`;
    const isYes = bits.yes === null ? sql`score_${n(i)} >= ${indicators[i]!.threshold ?? 0}` : sql`yes_${n(bits.yes.column)} & ${String(bits.yes.bit)}::bigint <> 0`;
    return [sql`count(*) filter (where ${inBase})::int as base_${n(i)}`, sql`count(*) filter (where ${inBase} and ${isYes})::int as yes_${n(i)}`];
  });
  // With many questions the answers are read as a bare count of the window's answers reads
  // them, with no filter on the answer table: the planner would test it on every answer of every
  // period, and the lookups above already give an answer that no indicator uses no bits. With a
  // few questions, the index on the question finds their answers faster than reading all.
  // survey_response is joined directly, not through a CTE, so that the planner sees its
  // statistics. Grouping keys are whole numbers only: a response with no partner source is a
  // web response (the provenance check on survey_response).
  const questionIds = [...new Set(indicators.flatMap((i) => i.questionIds))];
  const query = sql<ResponseCountRow>`
    with per_response as (
      select r.ward_id, r.reporting_period_id, r.partner_source_id, ${sql.join(perResponse)}
      from answer a
      join survey_response r on r.id = a.survey_response_id
      where r.reporting_period_id in ${ids(filter.periodIds)}
        ${questionIds.length <= FEW_QUESTIONS ? sql`and a.question_id in ${ids(questionIds)}` : sql``}
      group by r.id, r.ward_id, r.reporting_period_id, r.partner_source_id
    ), totals as (
      select ward_id, reporting_period_id, partner_source_id, ${sql.join(totals)}
      from per_response
      group by ward_id, reporting_period_id, partner_source_id
    )
    select t.*, t.reporting_period_id as period_id, coalesce(ps.name, 'Web') as source
    from totals t
    left join partner_source ps on ps.id = t.partner_source_id
  `;
  // PostgreSQL's default work_mem (4 MB) holds the hash of about 100,000 responses; past that
  // the join and the per-response rollup spill to disk and take twice as long. SET LOCAL lasts
  // for this transaction only, so nothing else on the connection sees it.
  const run = async (trx: Kysely<Database>) => {
    await sql`set local work_mem = '64MB'`.execute(trx);
    return (await query.execute(trx)).rows;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
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
