import { sql, type Kysely } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { normalisePostcode } from "~/lib/geography/postcode";
import { todayInUk } from "~/lib/periods/uk-date";
import { loadImportableQuestions } from "./import-bank";
import { importMappingSchema, type ImportMapping } from "./import-mapping";
import { loadWardMatcher, type WardMatcher } from "./match-ward";
import { normaliseLabel } from "./normalise-label";
import { identifyExport, readExportRecords } from "./open-export";
import type { ExportProfile } from "./profile-export";
import { readResponseDate } from "./read-response-date";

/** What the dry run found, for the officer to read before they confirm. */
export type CheckSummary = {
  rowsRead: number;
  blankRows: number;
  rowsToImport: number;
  alreadyImported: number;
  rowsWithProblems: number;
  byWard: { code: string; name: string; rows: number }[];
  problemsByReason: { reason: string; rows: number }[];
  unmatchedWards: { value: string; rows: number }[];
};

/** The reasons a row is not imported. Fixed wording, so problems can be counted by reason. */
export const PROBLEM = {
  noWard: "No ward given",
  wardNotFound: "Ward not found",
  notAPostcode: "Not a postcode",
  postcodeNotFound: "Postcode not in the postcode lookup",
  noDate: "No date given",
  notADate: "Not a date",
  dateInFuture: "Date is in the future",
  dateOutsidePeriods: "Date is outside the reporting periods set up",
  dateOutsideChosenPeriod: "Date is outside the chosen period",
  unknownLabel: "Answer label not mapped to an option",
  noAnswers: "No answer to any mapped question",
  duplicateRespondent: "Duplicate respondent id: an earlier row has the same id",
  respondentIdTooLong: "Respondent id is longer than 200 characters",
} as const;

// Rows are checked and staged this many at a time: big enough that round trips do not dominate,
// small enough that PGlite, which runs one statement at a time, keeps answering other pages.
const CHUNK_ROWS = 2_000;
const POSTCODE_NOT_KEPT = "(postcode not kept)";
const MAX_VALUE_CHARS = 200;

type Period = { id: number; label: string; startsOn: string; endsBefore: string };
type Problem = { row: number; column: string; value: string; reason: string };
type CheckedRow = {
  row: number;
  wardId: number | null;
  postcode: string | null;
  periodId: number;
  respondentId: string | null;
  hour: string;
  questionIds: number[];
  optionIds: number[];
  comparabilities: Comparability[];
};
type QuestionPlan = { column: number; title: string; questionId: number; grade: Comparability; options: Map<string, number | null>; byCell: Map<string, number | null | undefined> };
type Context = {
  mapping: ImportMapping;
  titles: string[];
  questions: QuestionPlan[];
  wards: WardMatcher;
  periods: Period[];
  today: string;
};

/**
 * The dry run: reads the whole export through the officer's mapping, and stages every row that
 * can be imported (with its answers as option ids) and every problem (row, column, value, reason)
 * without touching a single response. Rows already imported for the same partner source, by the
 * partner's respondent id, are counted and left out. The job's progress is written as it goes,
 * so any server process can show it. Committing later copies the staged rows in one transaction.
 */
export async function checkImport(db: Kysely<Database>, jobId: number): Promise<CheckSummary> {
  const job = await db.selectFrom("import_job").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
  const mapping = importMappingSchema.parse(job.mapping);
  const profile = job.profile as ExportProfile;
  const exportFile = await identifyExport(job.file_path ?? "");
  if (!exportFile.ok) throw new Error(exportFile.error.message);
  await clearStaging(db, jobId);
  const context = await prepare(db, mapping, profile);

  let recordNumber = 0;
  let rowsRead = 0;
  let blankRows = 0;
  let alreadyImported = 0;
  let pending: { row: CheckedRow | null; problems: Problem[] }[] = [];
  const flush = async () => {
    alreadyImported += await stageChunk(db, job.id, job.partner_source_id, pending);
    pending = [];
    await db.updateTable("import_job").set({ rows_processed: rowsRead + blankRows, heartbeat_at: new Date(), updated_at: new Date() }).where("id", "=", jobId).execute();
  };
  for await (const record of readExportRecords(exportFile.value)) {
    recordNumber += 1;
    if (recordNumber <= profile.headerRows) continue;
    if (record.every((cell) => cell.trim() === "")) { blankRows += 1; continue; }
    rowsRead += 1;
    pending.push(checkRow(context, recordNumber, record));
    if (pending.length === CHUNK_ROWS) await flush();
  }
  await flush();
  return summarise(db, jobId, { rowsRead, blankRows, alreadyImported });
}

/** Removes what an earlier or interrupted dry run of this job staged. */
export async function clearStaging(db: Kysely<Database>, jobId: number): Promise<void> {
  await db.deleteFrom("import_staged_response").where("job_id", "=", jobId).execute();
  await db.deleteFrom("import_problem").where("job_id", "=", jobId).execute();
  await db.deleteFrom("import_staged_count").where("job_id", "=", jobId).execute();
}

async function prepare(db: Kysely<Database>, mapping: ImportMapping, profile: ExportProfile): Promise<Context> {
  const bank = await loadImportableQuestions(db);
  const questions = mapping.questions.map((q): QuestionPlan => {
    const question = bank.find((b) => b.question.key === q.questionKey);
    if (question === undefined) throw new Error(`The question "${q.questionKey}" is no longer in the question bank. Map the column again`);
    const options = new Map<string, number | null>();
    for (const answer of q.answers) {
      const optionId = answer.optionKey === null ? null : question.optionIds.get(answer.optionKey);
      if (optionId === undefined) throw new Error(`"${answer.optionKey}" is not an option of "${question.question.text}". Map the answers again`);
      options.set(normaliseLabel(answer.label), optionId);
    }
    return { column: q.column, title: profile.columns[q.column]?.title ?? `Column ${q.column + 1}`, questionId: question.id, grade: q.grade, options, byCell: new Map() };
  });
  const periods = (await db.selectFrom("reporting_period").select(["id", "label", "starts_on", "ends_before"]).orderBy("starts_on").execute())
    .map((p) => ({ id: p.id, label: p.label, startsOn: String(p.starts_on), endsBefore: String(p.ends_before) }));
  const wards = await loadWardMatcher(db);
  if (mapping.date.kind === "fixed" && !periods.some((p) => p.id === (mapping.date as { periodId: number }).periodId)) throw new Error("The chosen reporting period no longer exists. Choose the period again");
  if (mapping.ward.kind === "fixed" && wards.byId(mapping.ward.wardId) === null) throw new Error("The chosen ward no longer exists. Choose the ward again");
  return { mapping, titles: profile.columns.map((c) => c.title), questions, wards, periods, today: todayInUk() };
}

function checkRow(context: Context, row: number, record: readonly string[]): { row: CheckedRow | null; problems: Problem[] } {
  const { mapping, titles } = context;
  const problems: Problem[] = [];
  const cell = (column: number) => (record[column] ?? "").trim();
  const problem = (column: number | null, value: string, reason: string) =>
    problems.push({ row, column: column === null ? "" : titles[column] ?? `Column ${column + 1}`, value: value.slice(0, MAX_VALUE_CHARS), reason });

  let period: Period | undefined;
  let date: string;
  let hour: string;
  if (mapping.date.kind === "fixed") {
    const fixedId = mapping.date.periodId;
    period = context.periods.find((p) => p.id === fixedId);
    date = period?.startsOn ?? context.today;
    hour = readResponseDate(date, "day_first")!.hour.toISOString();
  } else {
    const { column, order, periodId } = mapping.date;
    const value = cell(column);
    const read = value === "" ? null : readResponseDate(value, order);
    date = read?.date ?? context.today;
    hour = read?.hour.toISOString() ?? "";
    if (value === "") problem(column, value, PROBLEM.noDate);
    else if (read === null) problem(column, value, PROBLEM.notADate);
    else if (read.date > context.today) problem(column, value, PROBLEM.dateInFuture);
    else {
      period = context.periods.find((p) => p.startsOn <= read.date && read.date < p.endsBefore);
      if (period === undefined) problem(column, value, PROBLEM.dateOutsidePeriods);
      else if (periodId !== null && period.id !== periodId) problem(column, value, PROBLEM.dateOutsideChosenPeriod);
    }
  }

  let wardId: number | null = null;
  let postcode: string | null = null;
  if (mapping.ward.kind === "fixed") wardId = mapping.ward.wardId;
  else {
    const { column, by } = mapping.ward;
    const value = cell(column);
    if (value === "") problem(column, by === "postcode" ? "" : value, PROBLEM.noWard);
    else if (by === "postcode") {
      postcode = normalisePostcode(value);
      if (postcode === null) problem(column, POSTCODE_NOT_KEPT, PROBLEM.notAPostcode);
    } else {
      const ward = by === "code" ? context.wards.byCode(value, date) : context.wards.byName(value, date);
      if (ward === null) problem(column, value, PROBLEM.wardNotFound);
      else wardId = ward.id;
    }
  }

  const respondentId = mapping.respondentIdColumn === null ? null : cell(mapping.respondentIdColumn) || null;
  if (respondentId !== null && respondentId.length > MAX_VALUE_CHARS) problem(mapping.respondentIdColumn, respondentId, PROBLEM.respondentIdTooLong);

  const questionIds: number[] = [];
  const optionIds: number[] = [];
  const comparabilities: Comparability[] = [];
  for (const question of context.questions) {
    const value = cell(question.column);
    if (value === "") continue;
    // A column holds a handful of distinct labels: normalise each once, not once a row.
    let optionId = question.byCell.get(value);
    if (optionId === undefined && !question.byCell.has(value)) {
      optionId = question.options.get(normaliseLabel(value));
      if (question.byCell.size < 1_000) question.byCell.set(value, optionId);
    }
    if (optionId === undefined) problem(question.column, value, PROBLEM.unknownLabel);
    else if (optionId !== null) {
      questionIds.push(question.questionId);
      optionIds.push(optionId);
      comparabilities.push(question.grade);
    }
  }
  if (questionIds.length === 0 && !problems.some((p) => p.reason === PROBLEM.unknownLabel)) problem(null, "", PROBLEM.noAnswers);

  if (problems.length > 0 || period === undefined) return { row: null, problems };
  return { row: { row, wardId, postcode, periodId: period.id, respondentId, hour, questionIds, optionIds, comparabilities }, problems };
}

/** Stages a chunk of checked rows and their problems; returns how many were already imported. */
async function stageChunk(db: Kysely<Database>, jobId: number, partnerSourceId: number, chunk: { row: CheckedRow | null; problems: Problem[] }[]): Promise<number> {
  const problems = chunk.flatMap((c) => c.problems);
  let rows = chunk.flatMap((c) => (c.row === null ? [] : [c.row]));

  const postcodes = [...new Set(rows.flatMap((r) => (r.postcode === null ? [] : [r.postcode])))];
  if (postcodes.length > 0) {
    const found = new Map((await db.selectFrom("postcode_ward").select(["postcode", "ward_id"]).where("postcode", "in", postcodes).execute()).map((p) => [p.postcode, p.ward_id]));
    rows = rows.filter((r) => {
      if (r.postcode === null) return true;
      r.wardId = found.get(r.postcode) ?? null;
      if (r.wardId === null) problems.push({ row: r.row, column: "", value: POSTCODE_NOT_KEPT, reason: PROBLEM.postcodeNotFound });
      return r.wardId !== null;
    });
  }

  const ids = rows.flatMap((r) => (r.respondentId === null ? [] : [r.respondentId]));
  let alreadyImported = 0;
  if (ids.length > 0) {
    const existing = new Set((await db.selectFrom("survey_response").select("partner_respondent_id").where("partner_source_id", "=", partnerSourceId).where("partner_respondent_id", "in", ids).execute()).map((r) => r.partner_respondent_id));
    const before = rows.length;
    rows = rows.filter((r) => r.respondentId === null || !existing.has(r.respondentId));
    alreadyImported = before - rows.length;
  }

  if (rows.length > 0) {
    const staged = await sql<{ row_number: number }>`
      insert into import_staged_response (job_id, row_number, response_id, ward_id, reporting_period_id, partner_respondent_id, submitted_hour, question_ids, response_option_ids, comparabilities)
      select ${jobId}, t.r, nextval(pg_get_serial_sequence('survey_response', 'id')), t.w, t.p, t.pri, t.h, t.q::int[], t.o::int[], t.c::text[]
      from unnest(${rows.map((r) => r.row)}::int[], ${rows.map((r) => r.wardId)}::int[], ${rows.map((r) => r.periodId)}::int[], ${rows.map((r) => r.respondentId)}::text[],
                  ${rows.map((r) => r.hour)}::timestamptz[], ${rows.map((r) => `{${r.questionIds.join(",")}}`)}::text[],
                  ${rows.map((r) => `{${r.optionIds.join(",")}}`)}::text[], ${rows.map((r) => `{${r.comparabilities.join(",")}}`)}::text[]) as t(r, w, p, pri, h, q, o, c)
      on conflict (job_id, partner_respondent_id) where partner_respondent_id is not null do nothing
      returning row_number`.execute(db);
    const stagedRows = new Set(staged.rows.map((s) => Number(s.row_number)));
    for (const r of rows) {
      if (!stagedRows.has(r.row)) problems.push({ row: r.row, column: "", value: r.respondentId ?? "", reason: PROBLEM.duplicateRespondent });
    }
  }

  if (problems.length > 0) {
    await sql`
      insert into import_problem (job_id, row_number, column_title, value, reason)
      select ${jobId}, t.r, t.c, t.v, t.why
      from unnest(${problems.map((p) => p.row)}::int[], ${problems.map((p) => p.column)}::text[], ${problems.map((p) => p.value)}::text[], ${problems.map((p) => p.reason)}::text[]) as t(r, c, v, why)`.execute(db);
  }
  return alreadyImported;
}

async function summarise(db: Kysely<Database>, jobId: number, counts: { rowsRead: number; blankRows: number; alreadyImported: number }): Promise<CheckSummary> {
  const byWard = await db.selectFrom("import_staged_response as s").innerJoin("ward", "ward.id", "s.ward_id")
    .select(["ward.gss_code as code", "ward.name", (eb) => eb.fn.countAll<number>().as("rows")])
    .where("s.job_id", "=", jobId).groupBy(["ward.gss_code", "ward.name"]).orderBy("ward.name").execute();
  return {
    ...counts,
    ...(await summariseProblems(db, jobId)),
    rowsToImport: byWard.reduce((sum, w) => sum + Number(w.rows), 0),
    byWard: byWard.map((w) => ({ code: w.code, name: w.name, rows: Number(w.rows) })),
  };
}

/** The dry run's problems counted by reason, and the ward names that matched no ward. */
export async function summariseProblems(db: Kysely<Database>, jobId: number): Promise<Pick<CheckSummary, "problemsByReason" | "unmatchedWards" | "rowsWithProblems">> {
  const [problemsByReason, unmatchedWards, problemRows] = await Promise.all([
    db.selectFrom("import_problem").select(["reason", (eb) => eb.fn.count<number>("row_number").distinct().as("rows")])
      .where("job_id", "=", jobId).groupBy("reason").orderBy("rows", "desc").execute(),
    db.selectFrom("import_problem").select(["value", (eb) => eb.fn.countAll<number>().as("rows")])
      .where("job_id", "=", jobId).where("reason", "=", PROBLEM.wardNotFound).groupBy("value").orderBy("rows", "desc").orderBy("value").limit(50).execute(),
    db.selectFrom("import_problem").select((eb) => eb.fn.count<number>("row_number").distinct().as("rows")).where("job_id", "=", jobId).executeTakeFirstOrThrow(),
  ]);
  return {
    rowsWithProblems: Number(problemRows.rows),
    problemsByReason: problemsByReason.map((p) => ({ reason: p.reason, rows: Number(p.rows) })),
    unmatchedWards: unmatchedWards.map((w) => ({ value: w.value, rows: Number(w.rows) })),
  };
}
