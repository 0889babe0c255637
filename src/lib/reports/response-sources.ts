import { sql, type Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { listCurrentWards, type CurrentWard } from "~/lib/geography/current-wards";
import { suppressCells, type CellSuppression } from "~/lib/stats/suppress";
import type { ReportRequest } from "./report-request";
import type { ReportingWindow } from "./reporting-windows";

/** Where responses come from: the web, paper keyed in for a partner, a partner's import, or a partner's aggregate return. */
export type ResponseSource = { key: string; label: string };
/** A count as a reader may see it: null when it is hidden from them. */
export type SourceCell = { responses: number | null; suppression: CellSuppression };
export type ResponseSources = {
  window: ReportingWindow;
  sources: ResponseSource[];
  wards: { ward: CurrentWard; cells: SourceCell[]; total: number | null }[];
  area: { cells: SourceCell[]; total: SourceCell };
  /** Whether ward totals (across sources) are shown: to administrators only, see below. */
  showsWardTotals: boolean;
};

/**
 * How many responses each source contributed in each ward over the report's window, under the
 * report's comparability filter (a response counts when at least one of its answers does).
 *
 * Small counts are hidden from CSP members as figures are: below the threshold they show as
 * "fewer than N". A count can be worked out from totals by subtraction, so:
 *  - each source's column (its wards, with the area total for that source published) gets the
 *    same primary and complementary suppression as an indicator's ward table;
 *  - a source's area total below the threshold is hidden, and the grand total with it, which
 *    would otherwise give it back as the grand total minus the other sources;
 *  - ward totals across sources are not shown to CSP members. With both a ward's total and each
 *    source's total published, the table has two margins, and protecting one line at a time no
 *    longer stops a hidden count being recovered (suppressCells handles one dimension only).
 * Administrators see every count, with the flags, and ward totals.
 */
export async function responseSources(db: Kysely<Database>, request: ReportRequest): Promise<ResponseSources> {
  const { options } = request;
  const window = request.windows.current;
  const wards = await listCurrentWards(db, options.onDate);
  const periodIds = window.periods.map((p) => p.id);
  const rows = options.comparability.length === 0 || periodIds.length === 0 ? [] : (await sql<{ ward_id: number; channel: string; partner_source_id: number | null; partner: string | null; responses: number }>`
    select r.ward_id, r.channel, r.partner_source_id, ps.name as partner, count(*)::int as responses
    from survey_response r
    left join partner_source ps on ps.id = r.partner_source_id
    where r.reporting_period_id in (${sql.join(periodIds)})
      and exists (select 1 from answer a where a.survey_response_id = r.id and a.comparability in (${sql.join(options.comparability)}))
    group by r.ward_id, r.channel, r.partner_source_id, ps.name
    union all
    -- An aggregate return counts answers, not people: the most answers it counted for any one
    -- question in a ward and period stands for how many people it speaks for there.
    select ward_id, 'counts' as channel, partner_source_id, partner, sum(people)::int as responses
    from (
      select q.ward_id, q.partner_source_id, ps.name as partner, q.reporting_period_id, max(q.answers) as people
      from (
        select c.ward_id, c.partner_source_id, c.reporting_period_id, c.question_id, sum(c.count) as answers
        from aggregate_count c
        where c.reporting_period_id in (${sql.join(periodIds)}) and c.comparability in (${sql.join(options.comparability)})
        group by c.ward_id, c.partner_source_id, c.reporting_period_id, c.question_id
      ) q
      join partner_source ps on ps.id = q.partner_source_id
      group by q.ward_id, q.partner_source_id, ps.name, q.reporting_period_id
    ) per_period
    group by ward_id, partner_source_id, partner
  `.execute(db)).rows;

  const sourceOf = (row: (typeof rows)[number]): ResponseSource =>
    row.channel === "web" ? { key: "web", label: "Web" }
    : row.channel === "paper" ? { key: `paper:${row.partner_source_id ?? ""}`, label: row.partner ? `Paper, keyed in for ${row.partner}` : "Paper" }
    : row.channel === "counts" ? { key: `counts:${row.partner_source_id ?? ""}`, label: `${row.partner ?? "Partner"} (aggregate return)` }
    : { key: `import:${row.partner_source_id ?? ""}`, label: `${row.partner ?? "Partner"} (imported)` };
  const sources = [...new Map(rows.map((r) => [sourceOf(r).key, sourceOf(r)])).values()].sort(sourceOrder);
  const counts = wards.map((ward) => sources.map((source) => rows.filter((r) => r.ward_id === ward.id && sourceOf(r).key === source.key).reduce((s, r) => s + Number(r.responses), 0)));
  const decided = decideSourceTable(counts, options.threshold);
  const shown = (count: number, suppression: CellSuppression): SourceCell => ({ responses: !suppression.isSuppressed || options.canSeeSuppressed ? count : null, suppression });
  return {
    window,
    sources,
    wards: wards.map((ward, w) => ({
      ward,
      cells: counts[w]!.map((count, s) => shown(count, decided.cells[w]![s]!)),
      total: options.canSeeSuppressed ? counts[w]!.reduce((sum, n) => sum + n, 0) : null,
    })),
    area: { cells: decided.sourceTotals.map((t) => shown(t.responses, t.suppression)), total: shown(decided.grandTotal.responses, decided.grandTotal.suppression) },
    showsWardTotals: options.canSeeSuppressed,
  };
}

// Web first, then paper, then imports, then aggregate returns; by name within each.
const CHANNEL_ORDER = ["web", "paper", "import", "counts"];
const sourceOrder = (a: ResponseSource, b: ResponseSource) =>
  CHANNEL_ORDER.indexOf(a.key.split(":")[0]!) - CHANNEL_ORDER.indexOf(b.key.split(":")[0]!) || a.label.localeCompare(b.label);

export type SourceTableDecision = {
  /** [ward][source] */
  cells: CellSuppression[][];
  sourceTotals: { responses: number; suppression: CellSuppression }[];
  grandTotal: { responses: number; suppression: CellSuppression };
};

/**
 * The suppression of a ward-by-source table of counts `counts[ward][source]`, published with each
 * source's area total but no ward totals. Each source's column is one group of cells under its
 * total (suppressCells: primary and complementary). A source total below the threshold is hidden,
 * and then so is the grand total, which would otherwise give it back as the grand total minus the
 * other sources; when every source total is shown, the grand total is only their sum. Pure.
 */
export function decideSourceTable(counts: readonly (readonly number[])[], threshold: number): SourceTableDecision {
  const sourceCount = counts[0]?.length ?? 0;
  const columns = Array.from({ length: sourceCount }, (_, s) => counts.map((row) => row[s]!));
  const byColumn = columns.map((column) => suppressCells(column, { threshold }));
  const sourceTotals = columns.map((column, s) => ({ responses: column.reduce((sum, n) => sum + n, 0), suppression: byColumn[s]!.total! }));
  const responses = sourceTotals.reduce((sum, t) => sum + t.responses, 0);
  const grandTotal: CellSuppression =
    responses < threshold ? { isSuppressed: true, reason: "below_threshold" }
    : sourceTotals.some((t) => t.suppression.isSuppressed) ? { isSuppressed: true, reason: "complementary" }
    : { isSuppressed: false, reason: null };
  return { cells: counts.map((_, w) => byColumn.map((column) => column.cells[w]!)), sourceTotals, grandTotal: { responses, suppression: grandTotal } };
}
