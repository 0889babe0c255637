import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { IndicatorDefinition } from "./indicator-definition";
import { listIndicatorDefinitions } from "./indicator-definition";
import type { CountFilter } from "./indicator-counts";
import { ensureRollups, rollupLayout } from "./response-rollups";
import { listWeightingClasses } from "./weighting-classes";

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
  /** Null for the residents' web survey. */
  partner_source_id: number | null;
  source: string;
  age_option: number | null;
  sex_option: number | null;
  sampled: number;
} & Record<`base_${number}` | `yes_${number}`, number>;

const n = (value: number) => sql.raw(String(value));

/**
 * Every indicator's base and "yes" responses in one statement (see countIndicators for the
 * indicators' rules), counted from each response's roll-up (response-rollups.ts): the answers
 * are rolled up once per response, for every indicator at once, and kept, so a report reads one
 * row a response rather than every answer. With `classes`, the counts are split by each
 * response's age band and sex too, which is what rim weighting needs: counts per ward x period x
 * age band x sex, never rows per response.
 *
 * The roll-up always covers every indicator and the weighting classes, so the overview, one
 * indicator's table, weighted and unweighted reports share it; only the comparability grades
 * counted make another.
 */
export async function countResponses(
  db: Kysely<Database>,
  indicators: readonly IndicatorDefinition[],
  filter: CountFilter,
  classes: WeightingClasses | null = null,
): Promise<ResponseCountRow[]> {
  const [all, bankClasses] = await Promise.all([listIndicatorDefinitions(db), classes ?? listWeightingClasses(db)]);
  const everyIndicator = all.filter((i) => i.questionIds.length > 0);
  const layout = rollupLayout(everyIndicator, filter.comparability, bankClasses);
  await ensureRollups(db, layout, filter.periodIds, filter.comparability, bankClasses);

  // Each array element is read once per response, into a column of its own, before the counts:
  // PostgreSQL takes an array apart afresh for every subscript, and the counts would otherwise
  // subscript each response's arrays some fifty times.
  const elements = new Map<string, RawBuilder<unknown>>();
  const element = (array: "in_bits" | "yes_bits" | "scores", index: number) => {
    const name = `${array}_${index}`;
    elements.set(name, sql`u.${sql.raw(array)}[${n(index + 1)}] as ${sql.raw(name)}`);
    return sql.raw(name);
  };
  const totals = indicators.flatMap((indicator, i) => {
    const at = everyIndicator.findIndex((d) => d.id === indicator.id);
    if (at === -1) throw new Error(`countResponses: indicator ${indicator.key} is not in the question bank's indicators`);
    const bits = layout.bitmasks.indicators[at]!;
    const mask = sql`${String(bits.questionMask)}::bigint`;
    const inColumn = element("in_bits", bits.column);
    const answered = bits.needsEveryQuestion ? sql`${inColumn} & ${mask} = ${mask}` : sql`${inColumn} & ${mask} <> 0`;
    const inBase = bits.outOfBase === null ? answered : sql`${answered} and ${element("yes_bits", bits.outOfBase.column)} & ${String(bits.outOfBase.bit)}::bigint = 0`;
    const isYes = bits.yes === null
      ? sql`${element("scores", layout.scoreIndex[at]!)} >= ${indicator.threshold ?? 0}`
      : sql`${element("yes_bits", bits.yes.column)} & ${String(bits.yes.bit)}::bigint <> 0`;
    return [sql`count(*) filter (where ${inBase})::int as base_${n(i)}`, sql`count(*) filter (where ${inBase} and ${isYes})::int as yes_${n(i)}`];
  });
  const groups = classes === null ? sql`ward_id, reporting_period_id, partner_source_id` : sql`ward_id, reporting_period_id, partner_source_id, age_option, sex_option`;
  const classColumns = classes === null
    ? sql`null::int as age_option, null::int as sex_option, 0 as sampled`
    : sql`age_option, sex_option, count(*) filter (where age_option is not null and sex_option is not null)::int as sampled`;
  // Grouping keys are whole numbers only: a response with no partner source is a web response
  // (the provenance check on survey_response).
  const rows = await sql<ResponseCountRow>`
    with per_response as materialized (
      select r.ward_id, r.reporting_period_id, r.partner_source_id, u.age_option, u.sex_option${elements.size === 0 ? sql`` : sql`, ${sql.join([...elements.values()])}`}
      from response_rollup u
      join survey_response r on r.id = u.survey_response_id
      where u.layout_key = ${layout.key} and r.reporting_period_id in (${sql.join(filter.periodIds)})${filter.sources === "web" ? sql` and r.partner_source_id is null` : filter.sources === "partners" ? sql` and r.partner_source_id is not null` : sql``}
    ), totals as (
      select ward_id, reporting_period_id, partner_source_id, ${classColumns}${totals.length === 0 ? sql`` : sql`, ${sql.join(totals)}`}
      from per_response
      group by ${groups}
    )
    select t.*, t.reporting_period_id as period_id, coalesce(ps.name, 'Web') as source
    from totals t
    left join partner_source ps on ps.id = t.partner_source_id
  `.execute(db);
  return rows.rows;
}
