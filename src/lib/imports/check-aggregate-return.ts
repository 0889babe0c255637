import { sql, type Kysely } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { clearStaging, PROBLEM, summariseProblems, type CheckSummary } from "./check-import";
import { loadImportableQuestions, type ImportableQuestion } from "./import-bank";
import { loadWardMatcher } from "./match-ward";
import { normaliseLabel } from "./normalise-label";
import { identifyExport, readExportRecords } from "./open-export";
import { readResponseDate } from "./read-response-date";
import { suggestOptions } from "./suggest-option";

/** The columns of an aggregate return, each with the titles partners give it (simplified). */
const COLUMNS = {
  ward: ["ward", "ward code", "ward name", "wd code", "gss code"],
  question: ["question", "question key", "question text"],
  answer: ["answer", "option", "response", "answer option", "response option"],
  count: ["count", "number", "responses", "respondents", "n", "number of responses"],
  period: ["period", "reporting period", "quarter", "date"],
} as const;
type ColumnName = keyof typeof COLUMNS;
type Columns = Record<ColumnName, number> & { comparability: number | null };

export const AGGREGATE_PROBLEM = {
  periodNotFound: "Period not found: write it as 2025/26 Q3 or as a date in the quarter",
  questionNotFound: "Not a question in the question bank",
  answerNotFound: "Not an answer to this question",
  notACount: "Count is not a whole number",
  duplicateCell: "Same ward, period and answer as an earlier row",
  badComparability: "Comparability must be same, equivalent or not comparable",
} as const;

const simplify = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/**
 * Finds the aggregate return's columns in its header row, whatever their order and case; a
 * "Comparability" column is optional (every count is "same" without it). Names the missing ones.
 */
export function findAggregateColumns(header: readonly string[]): Result<Columns, string> {
  const titles = header.map(simplify);
  const found = Object.fromEntries(Object.entries(COLUMNS).map(([name, synonyms]) => [name, titles.findIndex((t) => (synonyms as readonly string[]).includes(t))])) as Record<ColumnName, number>;
  const missing = (Object.keys(COLUMNS) as ColumnName[]).filter((name) => found[name] === -1);
  if (missing.length > 0) {
    const names = missing.map((m) => m[0]!.toUpperCase() + m.slice(1));
    return err(`The file has no ${names.join(", ").replace(/, ([^,]*)$/, " or $1")} column. An aggregate return needs the columns Ward, Question, Answer, Count and Period, one row per ward, period, question and answer`);
  }
  const comparability = titles.indexOf("comparability");
  return ok({ ...found, comparability: comparability === -1 ? null : comparability });
}

type Period = { id: number; label: string; startsOn: string; endsBefore: string };
type Staged = { row: number; wardId: number; periodId: number; questionId: number; optionId: number; count: number; comparability: Comparability };
type Problem = { row: number; column: string; value: string; reason: string };

/**
 * The dry run for an aggregate return: each row must name a ward (code or name), a reporting
 * period (its label or a date in it), a bank question (key or wording), one of its answers (key,
 * label, or a known variant of the label) and a whole-number count. Good rows are staged, every
 * problem is listed by row, column, value and reason, and nothing is written to the reports.
 */
export async function checkAggregateReturn(db: Kysely<Database>, jobId: number): Promise<CheckSummary> {
  const job = await db.selectFrom("import_job").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
  const file = await identifyExport(job.file_path ?? "");
  if (!file.ok) throw new Error(file.error.message);
  await clearStaging(db, jobId);
  const [bank, wards, periods] = await Promise.all([
    loadImportableQuestions(db),
    loadWardMatcher(db),
    db.selectFrom("reporting_period").select(["id", "label", "starts_on", "ends_before"]).execute()
      .then((rows) => rows.map((p): Period => ({ id: p.id, label: p.label, startsOn: String(p.starts_on), endsBefore: String(p.ends_before) }))),
  ]);
  const questionByText = new Map<string, ImportableQuestion>();
  for (const q of bank) {
    questionByText.set(q.question.key, q);
    questionByText.set(normaliseLabel(q.question.text), q);
  }
  let columns: Columns | null = null;
  let titles: string[] = [];
  let rowsRead = 0;
  let blankRows = 0;
  let recordNumber = 0;
  const staged: Staged[] = [];
  const problems: Problem[] = [];
  for await (const record of readExportRecords(file.value)) {
    recordNumber += 1;
    if (columns === null) {
      const found = findAggregateColumns(record);
      if (!found.ok) throw new Error(found.error);
      columns = found.value;
      titles = record.map((t) => t.trim());
      continue;
    }
    if (record.every((cell) => cell.trim() === "")) { blankRows += 1; continue; }
    rowsRead += 1;
    const cell = (column: number) => (record[column] ?? "").trim();
    const rowProblems: Problem[] = [];
    const problem = (column: number, reason: string) => rowProblems.push({ row: recordNumber, column: titles[column] ?? "", value: cell(column).slice(0, 200), reason });

    const period = findPeriod(cell(columns.period), periods);
    if (period === null) problem(columns.period, AGGREGATE_PROBLEM.periodNotFound);
    const onDate = period?.startsOn ?? "9999-12-31";
    const wardText = cell(columns.ward);
    const ward = wardText === "" ? null : /^[EW]05\d{6}$/i.test(wardText) ? wards.byCode(wardText, onDate) : wards.byName(wardText, onDate);
    if (ward === null) problem(columns.ward, wardText === "" ? PROBLEM.noWard : PROBLEM.wardNotFound);
    const question = questionByText.get(cell(columns.question)) ?? questionByText.get(normaliseLabel(cell(columns.question))) ?? null;
    if (question === null) problem(columns.question, AGGREGATE_PROBLEM.questionNotFound);
    const optionKey = question === null ? null : findOption(cell(columns.answer), question);
    if (question !== null && optionKey === null) problem(columns.answer, AGGREGATE_PROBLEM.answerNotFound);
    const countText = cell(columns.count).replace(/,/g, "");
    if (!/^\d{1,9}$/.test(countText)) problem(columns.count, AGGREGATE_PROBLEM.notACount);
    const grade = columns.comparability === null ? "same" : readGrade(cell(columns.comparability));
    if (grade === null) problem(columns.comparability!, AGGREGATE_PROBLEM.badComparability);

    if (rowProblems.length > 0) problems.push(...rowProblems);
    else if (Number(countText) > 0) {
      staged.push({ row: recordNumber, wardId: ward!.id, periodId: period!.id, questionId: question!.id, optionId: question!.optionIds.get(optionKey!)!, count: Number(countText), comparability: grade! });
    }
  }
  if (columns === null) throw new Error("The selected file is empty");
  await stage(db, jobId, staged, problems);
  return summarise(db, jobId, { rowsRead, blankRows });
}

function findPeriod(text: string, periods: readonly Period[]): Period | null {
  const simple = text.toLowerCase().replace(/\s+/g, " ").trim();
  const byLabel = periods.find((p) => {
    const [year, quarter] = p.label.toLowerCase().split(" ");
    return simple === `${year} ${quarter}` || simple === `${quarter} ${year}`;
  });
  if (byLabel !== undefined) return byLabel;
  const date = readResponseDate(text, "day_first");
  if (date === null) return null;
  return periods.find((p) => p.startsOn <= date.date && date.date < p.endsBefore) ?? null;
}

function findOption(text: string, question: ImportableQuestion): string | null {
  if (question.optionIds.has(text)) return text;
  const [suggestion] = suggestOptions([text], question.question);
  return suggestion?.optionKey ?? null;
}

function readGrade(text: string): Comparability | null {
  const simple = simplify(text);
  if (simple === "" || simple === "same") return "same";
  if (simple === "equivalent") return "equivalent";
  if (simple === "not comparable" || simple === "not_comparable") return "not_comparable";
  return null;
}

async function stage(db: Kysely<Database>, jobId: number, rows: Staged[], problems: Problem[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000);
    const inserted = await sql<{ row_number: number }>`
      insert into import_staged_count (job_id, row_number, ward_id, reporting_period_id, question_id, response_option_id, count, comparability)
      select ${jobId}, t.r, t.w, t.p, t.q, t.o, t.n, t.c
      from unnest(${chunk.map((r) => r.row)}::int[], ${chunk.map((r) => r.wardId)}::int[], ${chunk.map((r) => r.periodId)}::int[], ${chunk.map((r) => r.questionId)}::int[],
                  ${chunk.map((r) => r.optionId)}::int[], ${chunk.map((r) => r.count)}::int[], ${chunk.map((r) => r.comparability)}::text[]) as t(r, w, p, q, o, n, c)
      on conflict (job_id, ward_id, reporting_period_id, response_option_id) do nothing
      returning row_number`.execute(db);
    const kept = new Set(inserted.rows.map((r) => Number(r.row_number)));
    for (const r of chunk) if (!kept.has(r.row)) problems.push({ row: r.row, column: "", value: "", reason: AGGREGATE_PROBLEM.duplicateCell });
  }
  for (let i = 0; i < problems.length; i += 5_000) {
    const chunk = problems.slice(i, i + 5_000);
    await sql`
      insert into import_problem (job_id, row_number, column_title, value, reason)
      select ${jobId}, t.r, t.c, t.v, t.why
      from unnest(${chunk.map((p) => p.row)}::int[], ${chunk.map((p) => p.column)}::text[], ${chunk.map((p) => p.value)}::text[], ${chunk.map((p) => p.reason)}::text[]) as t(r, c, v, why)`.execute(db);
  }
  await db.updateTable("import_job").set({ rows_processed: rows.length + problems.length, heartbeat_at: new Date(), updated_at: new Date() }).where("id", "=", jobId).execute();
}

async function summarise(db: Kysely<Database>, jobId: number, counts: { rowsRead: number; blankRows: number }): Promise<CheckSummary> {
  // Per ward, the answers counted (a count is answers to one question, not people).
  const [byWard, staged] = await Promise.all([
    db.selectFrom("import_staged_count as s").innerJoin("ward", "ward.id", "s.ward_id")
      .select(["ward.gss_code as code", "ward.name", (eb) => eb.fn.sum<number>("s.count").as("rows")])
      .where("s.job_id", "=", jobId).groupBy(["ward.gss_code", "ward.name"]).orderBy("ward.name").execute(),
    db.selectFrom("import_staged_count").select((eb) => eb.fn.countAll<number>().as("rows")).where("job_id", "=", jobId).executeTakeFirstOrThrow(),
  ]);
  return {
    ...counts,
    ...(await summariseProblems(db, jobId)),
    alreadyImported: 0,
    rowsToImport: Number(staged.rows),
    byWard: byWard.map((w) => ({ code: w.code, name: w.name, rows: Number(w.rows) })),
  };
}
