import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { AGGREGATE_PROBLEM } from "~/lib/imports/check-aggregate-return";
import type { CheckSummary } from "~/lib/imports/check-import";
import { PROBLEM } from "~/lib/imports/check-import";
import { beginAggregateCheck, beginCommit } from "~/lib/imports/import-job-runner";
import { listProblems } from "~/lib/imports/import-problems";
import { startImport } from "~/lib/imports/start-import";
import { undoImportBatch } from "~/lib/imports/undo-import-batch";
import { countIndicators } from "~/lib/reports/indicator-counts";
import { listIndicatorDefinitions } from "~/lib/reports/indicator-definition";
import { IMPORT_FIXTURES, prepareImportDatabase, receivedCopyOf, receivedText } from "../../support/import-setup";
import { testDatabases } from "../../support/test-databases";

describe.each(testDatabases())("importing aggregate returns on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let officer: SessionUser;
  let partnerSourceId: number;

  beforeAll(async () => {
    ({ db, close } = await target.open());
    ({ officer, partnerSourceId } = await prepareImportDatabase(db, "2026-11-25"));
  });
  afterAll(() => close());

  const check = async (csv: string | null) => {
    const file = csv === null ? receivedCopyOf(`${IMPORT_FIXTURES}/aggregate-return.csv`) : receivedText(csv, "counts.csv");
    const started = await startImport(db, officer, partnerSourceId, file, "aggregate");
    if (!started.ok) throw new Error(started.error.message);
    await (await beginAggregateCheck(db, started.value.jobId)).done;
    const job = await db.selectFrom("import_job").selectAll().where("id", "=", started.value.jobId).executeTakeFirstOrThrow();
    expect(job.failure).toBeNull();
    return { jobId: job.id, summary: job.summary as CheckSummary };
  };

  it("imports counts by ward, period, question and answer, kept apart from responses, and undoes them", async () => {
    const { jobId, summary } = await check(null);
    // Nine rows; the zero count is read but has nothing to import.
    expect(summary).toMatchObject({ rowsRead: 9, rowsToImport: 8, rowsWithProblems: 0 });
    expect(summary.byWard).toEqual([
      { code: "E05009464", name: "Kington", rows: 12 + 20 + 5 + 3 + 7 + 9 },
      { code: "E05009468", name: "Leominster East", rows: 4 + 11 },
    ]);
    const responsesBefore = await db.selectFrom("survey_response").select("id").execute();
    await (await beginCommit(db, jobId)).done;
    const job = await db.selectFrom("import_job").select(["status", "import_batch_id"]).where("id", "=", jobId).executeTakeFirstOrThrow();
    expect(job.status).toBe("committed");
    const counts = await db.selectFrom("aggregate_count")
      .innerJoin("ward", "ward.id", "aggregate_count.ward_id")
      .innerJoin("reporting_period", "reporting_period.id", "aggregate_count.reporting_period_id")
      .innerJoin("response_option", "response_option.id", "aggregate_count.response_option_id")
      .select(["ward.name", "reporting_period.label", "response_option.key", "aggregate_count.count", "aggregate_count.comparability"])
      .where("import_batch_id", "=", job.import_batch_id!).orderBy("ward.name").orderBy("reporting_period.label").orderBy("response_option.key").execute();
    expect(counts).toEqual([
      { name: "Kington", label: "2025/26 Q2", key: "fairly_safe", count: 9, comparability: "same" },
      { name: "Kington", label: "2025/26 Q2", key: "very_safe", count: 7, comparability: "same" },
      { name: "Kington", label: "2025/26 Q3", key: "a_bit_unsafe", count: 5, comparability: "same" },
      { name: "Kington", label: "2025/26 Q3", key: "fairly_safe", count: 20, comparability: "same" },
      { name: "Kington", label: "2025/26 Q3", key: "very_safe", count: 12, comparability: "same" },
      { name: "Kington", label: "2025/26 Q3", key: "very_unsafe", count: 3, comparability: "same" },
      { name: "Leominster East", label: "2025/26 Q3", key: "not_at_all_worried", count: 11, comparability: "same" },
      { name: "Leominster East", label: "2025/26 Q3", key: "very_worried", count: 4, comparability: "same" },
    ]);
    expect(await db.selectFrom("survey_response").select("id").execute()).toEqual(responsesBefore);
    const batch = await db.selectFrom("import_batch").select(["kind", "rows_imported"]).where("id", "=", job.import_batch_id!).executeTakeFirstOrThrow();
    expect(batch).toEqual({ kind: "aggregate", rows_imported: 8 });

    // Reports count them into one-question indicators, labelled as counts: Kington felt safe
    // after dark in 2025/26 Q3 = (12 very + 20 fairly safe) of 40 answers.
    const feelSafe = (await listIndicatorDefinitions(db)).filter((i) => i.key === "feel_safe_after_dark");
    const q3 = await db.selectFrom("reporting_period").select("id").where("label", "=", "2025/26 Q3").executeTakeFirstOrThrow();
    const kington = await db.selectFrom("ward").select("id").where("name", "=", "Kington").executeTakeFirstOrThrow();
    const figures = async () => (await countIndicators(db, feelSafe, { periodIds: [q3.id], comparability: ["same", "equivalent"] })).all;
    expect(await figures()).toEqual([{ indicatorId: feelSafe[0]!.id, wardId: kington.id, periodId: q3.id, numerator: 32, base: 40, sources: ["West Mercia Police (counts)"] }]);

    expect(await undoImportBatch(db, officer, job.import_batch_id!)).toEqual({ ok: true, value: { responsesRemoved: 8 } });
    expect(await db.selectFrom("aggregate_count").select("count").where("import_batch_id", "=", job.import_batch_id!).execute()).toEqual([]);
    expect(await figures()).toEqual([]);
  });

  it("lists each bad row with its column, value and reason", async () => {
    const { jobId, summary } = await check([
      "ward,period,question,answer,count",
      "Kington,2025/26 Q3,safe_after_dark,Very safe,4",
      "Atlantis,2025/26 Q3,safe_after_dark,Very safe,4",
      "Kington,1999/00 Q1,safe_after_dark,Very safe,4",
      "Kington,2025/26 Q3,How happy are you?,Very,4",
      "Kington,2025/26 Q3,safe_after_dark,Quite safe,4",
      "Kington,2025/26 Q3,safe_after_dark,Fairly safe,four",
      "Kington,2025/26 Q3,safe_after_dark,very safe,2",
    ].join("\n"));
    expect(summary).toMatchObject({ rowsRead: 7, rowsToImport: 1, rowsWithProblems: 6 });
    expect(await listProblems(db, jobId, 10)).toEqual([
      { row: 3, column: "ward", value: "Atlantis", reason: PROBLEM.wardNotFound },
      { row: 4, column: "period", value: "1999/00 Q1", reason: AGGREGATE_PROBLEM.periodNotFound },
      { row: 5, column: "question", value: "How happy are you?", reason: AGGREGATE_PROBLEM.questionNotFound },
      { row: 6, column: "answer", value: "Quite safe", reason: AGGREGATE_PROBLEM.answerNotFound },
      { row: 7, column: "count", value: "four", reason: AGGREGATE_PROBLEM.notACount },
      { row: 8, column: "", value: "", reason: AGGREGATE_PROBLEM.duplicateCell },
    ]);
  });

  it("refuses a file without the columns an aggregate return needs, naming the missing ones", async () => {
    const started = await startImport(db, officer, partnerSourceId, receivedCopyOf(`${IMPORT_FIXTURES}/google-forms.csv`), "aggregate");
    expect(started).toEqual({ ok: false, error: { field: "exportFile", message: "The file has no Question, Answer, Count or Period column. An aggregate return needs the columns Ward, Question, Answer, Count and Period, one row per ward, period, question and answer" } });
  });
});
