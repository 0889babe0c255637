import type { Kysely } from "kysely";
import { CSV_LINE_END, csvLine } from "~/lib/csv/csv-cell";
import type { Database } from "~/lib/db/schema";

export type ImportProblem = { row: number; column: string; value: string; reason: string };

/** The first problems of a dry run, in row order, for the page; the CSV has them all. */
export async function listProblems(db: Kysely<Database>, jobId: number, limit: number): Promise<ImportProblem[]> {
  const rows = await db.selectFrom("import_problem").select(["row_number", "column_title", "value", "reason"])
    .where("job_id", "=", jobId).orderBy("row_number").orderBy("column_title").limit(limit).execute();
  return rows.map((r) => ({ row: r.row_number, column: r.column_title, value: r.value, reason: r.reason }));
}

const PAGE = 10_000;

/**
 * Every problem as CSV lines (a header first), a page of rows at a time so a file where every
 * one of a million rows failed is streamed, not held. Values came from a partner's file, so
 * csvLine neutralises any that a spreadsheet would run as a formula.
 */
export async function* problemsCsv(db: Kysely<Database>, jobId: number): AsyncGenerator<string> {
  yield csvLine(["Row", "Column", "Value", "Problem"]) + CSV_LINE_END;
  let after = { row: -1, column: "", reason: "" };
  for (;;) {
    const page = await db.selectFrom("import_problem").select(["row_number", "column_title", "value", "reason"])
      .where("job_id", "=", jobId)
      .where((eb) => eb.or([
        eb("row_number", ">", after.row),
        eb.and([eb("row_number", "=", after.row), eb.or([eb("column_title", ">", after.column), eb.and([eb("column_title", "=", after.column), eb("reason", ">", after.reason)])])]),
      ]))
      .orderBy("row_number").orderBy("column_title").orderBy("reason").limit(PAGE).execute();
    if (page.length === 0) return;
    yield page.map((r) => csvLine([r.row_number, r.column_title, r.value, r.reason]) + CSV_LINE_END).join("");
    const last = page.at(-1)!;
    after = { row: last.row_number, column: last.column_title, reason: last.reason };
    if (page.length < PAGE) return;
  }
}
