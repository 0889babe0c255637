import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "~/lib/db/schema";
import { arrayLiteralById, bitsColumn, indicatorBitmasks } from "./indicator-bitmasks";
import type { IndicatorDefinition } from "./indicator-definition";
import type { CountFilter } from "./indicator-counts";

/** The "about you" answers responses are weighted by: the option ids that give an age band or a sex. */
export type WeightingClasses = { questionIds: number[]; ageBandByOptionId: ReadonlyMap<number, string>; sexByOptionId: ReadonlyMap<number, string> };

/**
 * Per ward, period and source (and, when counted by class, age band and sex option): for each
 * indicator by its index, the responses in its base (`base_i`) and those counted "yes" (`yes_i`);
 * with classes, `sampled` is how many of the group's responses gave both an age band and a sex.
 */
export type ResponseCountRow = {
  ward_id: number;
  period_id: number;
  source: string;
  age_option: number | null;
  sex_option: number | null;
  sampled: number;
} & Record<`base_${number}` | `yes_${number}`, number>;

/** Up to this many questions, their answers are found by the question's index (see countResponses). */
const FEW_QUESTIONS = 4;
/** How many comparability grades there are (same, equivalent, not comparable). */
const COMPARABILITY_GRADES = 3;
const ids = (values: number[]) => (values.length === 0 ? sql`(null)` : sql`(${sql.join(values)})`);
const n = (value: number) => sql.raw(String(value));

/**
 * Every indicator's base and "yes" responses in one statement over the window's answers (see
 * countIndicators for the indicators' rules). With `classes`, each response's age band and sex
 * are rolled up from the same answers and the counts are split by them too, which is what rim
 * weighting needs: counts per ward x period x age band x sex, never rows per response.
 */
export async function countResponses(
  db: Kysely<Database>,
  indicators: readonly IndicatorDefinition[],
  filter: CountFilter,
  classes: WeightingClasses | null = null,
): Promise<ResponseCountRow[]> {
  const layout = indicatorBitmasks(indicators);
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
  const optionItself = (options: ReadonlyMap<number, string>) => new Map([...options.keys()].map((id) => [id, id]));
  const perResponse = [
    ...columns.map((c) => sql`bit_or(${whenCounted(sql`${lookup(bitsColumn(layout.questionBits, c), "bigint", sql`a.question_id`)} & ~coalesce(${lookup(bitsColumn(layout.excludedBits, c), "bigint", sql`a.response_option_id`)}, 0)`)}) as in_${n(c)}`),
    ...yesColumns.map((c) => sql`bit_or(${whenCounted(lookup(bitsColumn(layout.yesBits, c), "bigint", sql`a.response_option_id`))}) as yes_${n(c)}`),
    ...scores.map(({ i, points }) => sql`sum(${whenCounted(lookup(points, "int", sql`a.response_option_id`))}) as score_${n(i)}`),
    // The response's age band and sex answers, by option id: a "Prefer not to say" is no class.
    ...(classes === null ? [] : [
      sql`min(nullif(${whenCounted(lookup(optionItself(classes.ageBandByOptionId), "int", sql`a.response_option_id`))}, 0)) as age_option`,
      sql`min(nullif(${whenCounted(lookup(optionItself(classes.sexByOptionId), "int", sql`a.response_option_id`))}, 0)) as sex_option`,
    ]),
  ];
  const totals = layout.indicators.flatMap((bits, i) => {
    const mask = sql`${String(bits.questionMask)}::bigint`;
    const answered = bits.needsEveryQuestion ? sql`in_${n(bits.column)} & ${mask} = ${mask}` : sql`in_${n(bits.column)} & ${mask} <> 0`;
    const inBase = bits.outOfBase === null ? answered : sql`${answered} and yes_${n(bits.outOfBase.column)} & ${String(bits.outOfBase.bit)}::bigint = 0`;
    const isYes = bits.yes === null ? sql`score_${n(i)} >= ${indicators[i]!.threshold ?? 0}` : sql`yes_${n(bits.yes.column)} & ${String(bits.yes.bit)}::bigint <> 0`;
    return [sql`count(*) filter (where ${inBase})::int as base_${n(i)}`, sql`count(*) filter (where ${inBase} and ${isYes})::int as yes_${n(i)}`];
  });
  const groups = classes === null ? sql`ward_id, reporting_period_id, partner_source_id` : sql`ward_id, reporting_period_id, partner_source_id, age_option, sex_option`;
  const sampled = classes === null ? sql`0` : sql`count(*) filter (where age_option is not null and sex_option is not null)::int`;
  // With many questions the answers are read as a bare count of the window's answers reads
  // them, with no filter on the answer table: the planner would test it on every answer of every
  // period, and the lookups above already give an answer that no indicator uses no bits. With a
  // few questions, the index on the question finds their answers faster than reading all.
  // survey_response is joined directly, not through a CTE, so that the planner sees its
  // statistics. Grouping keys are whole numbers only: a response with no partner source is a
  // web response (the provenance check on survey_response).
  const questionIds = [...new Set([...indicators.flatMap((i) => [...i.questionIds, ...(i.askedOnlyOf ? [i.askedOnlyOf.questionId] : [])]), ...(classes?.questionIds ?? [])])];
  const query = sql<ResponseCountRow>`
    with per_response as (
      select r.ward_id, r.reporting_period_id, r.partner_source_id, ${sql.join(perResponse)}
      from answer a
      join survey_response r on r.id = a.survey_response_id
      where r.reporting_period_id in ${ids(filter.periodIds)}
        ${questionIds.length <= FEW_QUESTIONS ? sql`and a.question_id in ${ids(questionIds)}` : sql``}
      group by r.id, r.ward_id, r.reporting_period_id, r.partner_source_id
    ), totals as (
      select ${groups}, ${sampled} as sampled, ${sql.join(totals)}
      from per_response
      group by ${groups}
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
