import { createHash } from "node:crypto";
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { arrayLiteralById, bitsColumn, indicatorBitmasks } from "./indicator-bitmasks";
import type { IndicatorDefinition } from "./indicator-definition";
import type { WeightingClasses } from "./response-counts";

/** How many comparability grades there are (same, equivalent, not comparable). */
const COMPARABILITY_GRADES = 3;
/** A layout nobody has reported with for this long is dropped with its roll-ups. */
const UNUSED_LAYOUT_DAYS = 7;
/** Roll-ups added at once past which the table's statistics are refreshed straight away. */
const ANALYZE_AFTER_ROWS = 10_000;

export type RollupLayout = {
  key: string;
  bitmasks: ReturnType<typeof indicatorBitmasks>;
  /** For each indicator of the layout with a score, its place in the scores array. */
  scoreIndex: (number | null)[];
};

/**
 * The layout every report's roll-ups share: all indicators' bits, the grades counted and the
 * weighting classes, named by a hash of exactly what the roll-up SQL is built from, so that any
 * change to an indicator, an option's score or the grades gives a new layout rather than stale
 * figures. Pure.
 */
export function rollupLayout(indicators: readonly IndicatorDefinition[], comparability: readonly Comparability[], classes: WeightingClasses | null): RollupLayout {
  const bitmasks = indicatorBitmasks(indicators);
  const sorted = <T>(map: ReadonlyMap<number, T>) => [...map].sort(([a], [b]) => a - b).map(([id, value]) => [id, String(value)]);
  let next = 0;
  const scoreIndex = bitmasks.scores.map((points) => (points === null ? null : next++));
  const key = createHash("sha256").update(JSON.stringify({
    version: 1,
    indicators: bitmasks.indicators.map((i, n) => ({ id: indicators[n]!.id, column: i.column, mask: String(i.questionMask), every: i.needsEveryQuestion, yes: i.yes && [i.yes.column, String(i.yes.bit)], out: i.outOfBase && [i.outOfBase.column, String(i.outOfBase.bit)] })),
    questionBits: [...bitmasks.questionBits].sort(([a], [b]) => a - b).map(([id, bits]) => [id, bits.map(String)]),
    excludedBits: [...bitmasks.excludedBits].sort(([a], [b]) => a - b).map(([id, bits]) => [id, bits.map(String)]),
    yesBits: [...bitmasks.yesBits].sort(([a], [b]) => a - b).map(([id, bits]) => [id, bits.map(String)]),
    scores: bitmasks.scores.map((points) => (points === null ? null : sorted(points))),
    comparability: [...comparability].sort(),
    classes: classes && { age: sorted(classes.ageBandByOptionId), sex: sorted(classes.sexByOptionId) },
  })).digest("hex");
  return { key, bitmasks, scoreIndex };
}

/**
 * Makes sure every response in the periods is rolled up for the layout: one row
 * per response holding, per bit column, the OR of its answers' bits (which questions it answered
 * inside each indicator's base, which counted options it gave, whether an answer took it out of a
 * base), each score's sum, and its age band and sex options. Only the responses not yet rolled up
 * are read, so after the first report a period costs one read of its roll-ups; answers are never
 * changed once stored, and a deleted response takes its roll-ups with it.
 * Two processes filling at once both insert; the second insert of a row is skipped.
 */
export async function ensureRollups(db: Kysely<Database>, layout: RollupLayout, periodIds: readonly number[], comparability: readonly Comparability[], classes: WeightingClasses | null): Promise<void> {
  await db.insertInto("response_rollup_layout").values({ key: layout.key, last_used_at: new Date() })
    .onConflict((oc) => oc.column("key").doUpdateSet({ last_used_at: new Date() })).execute();
  await db.deleteFrom("response_rollup_layout").where("last_used_at", "<", new Date(Date.now() - UNUSED_LAYOUT_DAYS * 86_400_000)).execute();
  if (periodIds.length === 0) return;
  // Most reports find every response rolled up already: asking that first is a cheap anti-join
  // of two narrow tables, where the insert's plan would read the answers too. (A response with
  // no answers gets a roll-up of zeros, so that it is never "missing" and never reread.)
  const missing = await sql<{ missing: boolean }>`
    select exists (
      select 1 from survey_response r
      where r.reporting_period_id in (${sql.join([...periodIds])})
        and not exists (select 1 from response_rollup u where u.layout_key = ${layout.key} and u.survey_response_id = r.id)
    ) as missing
  `.execute(db);
  if (!missing.rows[0]?.missing) return;
  const { bitmasks } = layout;
  const lookup = (values: ReadonlyMap<number, bigint | number>, type: "bigint" | "int", by: RawBuilder<unknown>) => {
    const literal = arrayLiteralById(values);
    return literal === null ? sql`null::${sql.raw(type)}` : sql`(${literal}::${sql.raw(type)}[])[${by}]`;
  };
  // An answer whose comparability grade is not counted gives no bits, no points and no class.
  const isCountedGrade = comparability.length === COMPARABILITY_GRADES ? sql`true` : sql`a.comparability in (${sql.join(comparability)})`;
  const whenCounted = (value: RawBuilder<unknown>) => sql`case when ${isCountedGrade} then coalesce(${value}, 0) else 0 end`;
  const optionItself = (options: ReadonlyMap<number, string>) => new Map([...options.keys()].map((id) => [id, id]));
  const columns = Array.from({ length: bitmasks.columns }, (_, c) => c);
  const yesColumns = Array.from({ length: bitmasks.yesColumns }, (_, c) => c);
  const inBits = columns.map((c) => sql`coalesce(bit_or(${whenCounted(sql`${lookup(bitsColumn(bitmasks.questionBits, c), "bigint", sql`a.question_id`)} & ~coalesce(${lookup(bitsColumn(bitmasks.excludedBits, c), "bigint", sql`a.response_option_id`)}, 0)`)}), 0)`);
  const yesBits = yesColumns.map((c) => sql`coalesce(bit_or(${whenCounted(lookup(bitsColumn(bitmasks.yesBits, c), "bigint", sql`a.response_option_id`))}), 0)`);
  const scores = bitmasks.scores.flatMap((points) => (points === null ? [] : [sql`coalesce(sum(${whenCounted(lookup(points, "int", sql`a.response_option_id`))}), 0)::int`]));
  const classOption = (options: ReadonlyMap<number, string> | undefined) =>
    options === undefined || options.size === 0 ? sql`null::int` : sql`min(nullif(${whenCounted(lookup(optionItself(options), "int", sql`a.response_option_id`))}, 0))`;
  const fill = sql`
    insert into response_rollup (layout_key, survey_response_id, in_bits, yes_bits, scores, age_option, sex_option)
    select ${layout.key}, r.id,
      array[${sql.join(inBits)}]::bigint[],
      array[${sql.join(yesBits)}]::bigint[],
      ${scores.length === 0 ? sql`'{}'::int[]` : sql`array[${sql.join(scores)}]::int[]`},
      ${classOption(classes?.ageBandByOptionId)}, ${classOption(classes?.sexByOptionId)}
    from survey_response r
    left join answer a on a.survey_response_id = r.id
    where r.reporting_period_id in (${sql.join([...periodIds])})
      and not exists (select 1 from response_rollup u where u.layout_key = ${layout.key} and u.survey_response_id = r.id)
    group by r.id
    on conflict do nothing
  `;
  // PostgreSQL's default work_mem (4 MB) holds the hash of about 100,000 responses; past that
  // the first roll-up of a large period spills to disk. SET LOCAL lasts for this transaction only.
  const run = async (trx: Kysely<Database>) => {
    await sql`set local work_mem = '64MB'`.execute(trx);
    return Number((await fill.execute(trx)).numAffectedRows ?? 0);
  };
  const added = await (db.isTransaction ? run(db) : db.transaction().execute(run));
  // After a large import the planner would otherwise count these rows with the table's old
  // statistics (autovacuum analyses later), and picks plans for a table a fraction of its size.
  if (added >= ANALYZE_AFTER_ROWS) await sql`analyze response_rollup`.execute(db);
}
