import { existsSync, readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import type { CheckSummary } from "~/lib/imports/check-import";
import { PROBLEM } from "~/lib/imports/check-import";
import { draftMappingSchema, importMappingSchema, type DraftMapping } from "~/lib/imports/import-mapping";
import { beginCheck, beginCommit, cancelImport } from "~/lib/imports/import-job-runner";
import { listProblems, problemsCsv } from "~/lib/imports/import-problems";
import { startImport } from "~/lib/imports/start-import";
import { undoImportBatch } from "~/lib/imports/undo-import-batch";
import type { ReceivedFile } from "~/lib/http/receive-file-upload";
import { IMPORT_FIXTURES, prepareImportDatabase, receivedCopyOf, receivedText } from "../../support/import-setup";
import { testDatabases } from "../../support/test-databases";

const TODAY = "2026-11-25";
// The wards named (or coded, or found from the postcode) in each fixture's 12 rows, one row each:
// read off the files by hand (tests/fixtures/imports/README.md describes them).
const TWELVE_WARDS = ["Aylestone Hill", "Bromyard West", "Central", "Credenhill", "Kington", "Ledbury North", "Ledbury South", "Leominster East", "Red Hill", "Ross East", "Ross West", "Tupsley"];
const FIXTURES: { file: string; tool: string; wards: string[] }[] = [
  { file: "surveymonkey.csv", tool: "SurveyMonkey", wards: TWELVE_WARDS },
  { file: "google-forms.csv", tool: "Google Forms", wards: TWELVE_WARDS },
  { file: "qualtrics.csv", tool: "Qualtrics", wards: TWELVE_WARDS },
  { file: "smartsurvey.csv", tool: "SmartSurvey", wards: TWELVE_WARDS },
  { file: "citizen-space.csv", tool: "Citizen Space", wards: TWELVE_WARDS },
  { file: "generic-utf8-bom-tab.tsv", tool: "Generic CSV", wards: TWELVE_WARDS },
  { file: "microsoft-forms.xlsx", tool: "Microsoft Forms", wards: TWELVE_WARDS },
  {
    file: "generic-windows-1252-semicolon.csv", tool: "Generic CSV",
    wards: ["Aylestone Hill", "Bishops Frome & Cradley", "Bromyard West", "Central", "Hinton & Hunderton", "Kington", "Ledbury North", "Ledbury South", "Leominster East", "Red Hill", "Ross East", "Ross West"],
  },
];

describe.each(testDatabases())("importing partner exports on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let officer: SessionUser;
  let administrator: SessionUser;
  let partnerSourceId: number;

  beforeAll(async () => {
    ({ db, close } = await target.open());
    ({ officer, administrator, partnerSourceId } = await prepareImportDatabase(db, TODAY));
  });
  afterAll(() => close());

  const job = (id: number) => db.selectFrom("import_job").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const snapshot = async () => ({
    batches: await db.selectFrom("import_batch").select(["id", "status"]).orderBy("id").execute(),
    responses: (await db.selectFrom("survey_response").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
    answers: (await db.selectFrom("answer").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
  });
  const start = async (file: ReceivedFile) => {
    const started = await startImport(db, officer, partnerSourceId, file);
    if (!started.ok) throw new Error(started.error.message);
    return started.value.jobId;
  };
  const check = async (jobId: number, change: (mapping: DraftMapping) => DraftMapping = (m) => m) => {
    const mapping = importMappingSchema.parse(change(draftMappingSchema.parse((await job(jobId)).mapping)));
    const started = await beginCheck(db, jobId, mapping);
    expect(started.started).toBe(true);
    await started.done;
    const checked = await job(jobId);
    expect(checked.failure).toBeNull();
    expect(checked.status).toBe("checked");
    return checked.summary as CheckSummary;
  };
  const commit = async (jobId: number) => {
    await (await beginCommit(db, jobId)).done;
    return job(jobId);
  };
  const responsesByWard = (batchId: number) => db.selectFrom("survey_response").innerJoin("ward", "ward.id", "survey_response.ward_id")
    .select(["ward.name", (eb) => eb.fn.countAll<number>().as("n")]).where("import_batch_id", "=", batchId).groupBy("ward.name").orderBy("ward.name").execute();

  it.each(FIXTURES)("imports $file ($tool) end to end, one response per row in the expected wards", async ({ file, tool, wards }) => {
    const jobId = await start(receivedCopyOf(`${IMPORT_FIXTURES}/${file}`));
    expect((await job(jobId)).tool_recognised).toBe(tool);
    const summary = await check(jobId);
    expect(summary).toMatchObject({ rowsRead: 12, rowsToImport: 12, rowsWithProblems: 0, alreadyImported: 0 });
    expect(summary.byWard.map((w) => [w.name, w.rows])).toEqual(wards.map((w) => [w, 1]));
    const before = await snapshot();
    const committed = await commit(jobId);
    expect(committed.status).toBe("committed");
    expect(committed.file_path).toBeNull();
    const batchId = committed.import_batch_id!;
    expect((await responsesByWard(batchId)).map((w) => [w.name, Number(w.n)])).toEqual(wards.map((w) => [w, 1]));
    const after = await snapshot();
    expect(Number(after.responses) - Number(before.responses)).toBe(12);
    const batch = await db.selectFrom("import_batch").selectAll().where("id", "=", batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ partner_source_id: partnerSourceId, kind: "responses", tool_recognised: tool, original_file_name: file, rows_read: 12, rows_imported: 12, rows_skipped: 0, imported_by: officer.id, status: "committed" });
    expect(batch.file_sha256).toBe(committed.file_sha256);
    expect(importMappingSchema.safeParse(batch.mapping).success).toBe(true);
    // Its responses are rolled up for the reports as soon as it is saved, in both of the
    // layouts every report's suppression plan reads ("same" answers; "same" and "equivalent").
    const rolledUp = await db.selectFrom("response_rollup").innerJoin("survey_response", "survey_response.id", "response_rollup.survey_response_id")
      .select((eb) => eb.fn.countAll<number>().as("n")).where("survey_response.import_batch_id", "=", batchId).groupBy("response_rollup.layout_key").execute();
    expect(rolledUp.map((layout) => Number(layout.n))).toEqual([12, 12]);
    // Staged rows and problems go once the batch is in.
    expect(await db.selectFrom("import_staged_response").select("row_number").where("job_id", "=", jobId).execute()).toEqual([]);
  });

  it("stores each answer as the option the label means, with the question's comparability grade", async () => {
    const batch = await db.selectFrom("import_batch").select("id").where("original_file_name", "=", "surveymonkey.csv").executeTakeFirstOrThrow();
    // Row 3 of the file (the first respondent, 114382765400): "Very safe" after dark, and a noisy
    // neighbours strand "Not a very big problem", which the bank asks in other words (equivalent).
    const answers = await db.selectFrom("answer")
      .innerJoin("survey_response", "survey_response.id", "answer.survey_response_id")
      .innerJoin("question", "question.id", "answer.question_id")
      .innerJoin("response_option", "response_option.id", "answer.response_option_id")
      .select(["question.key as question", "response_option.key as option", "answer.comparability"])
      .where("survey_response.import_batch_id", "=", batch.id).where("survey_response.partner_respondent_id", "=", "114382765400")
      .orderBy("question.key").execute();
    expect(answers).toContainEqual({ question: "safe_after_dark", option: "very_safe", comparability: "same" });
    expect(answers).toContainEqual({ question: "asb_noisy_neighbours", option: "not_a_very_big_problem", comparability: "equivalent" });
    const response = await db.selectFrom("survey_response").selectAll().where("partner_respondent_id", "=", "114382765400").executeTakeFirstOrThrow();
    // 11/03/2025 09:14:51 AM, month first: 3 November 2025, 09:00 GMT; financial 2025/26 Q3.
    expect(response.submitted_hour.toISOString()).toBe("2025-11-03T09:00:00.000Z");
    expect(response.channel).toBe("import");
    const period = await db.selectFrom("reporting_period").select("label").where("id", "=", response.reporting_period_id).executeTakeFirstOrThrow();
    expect(period.label).toBe("2025/26 Q3");
  });

  it("never stores personal data: no email, name, IP address or postcode from the file is anywhere in the database", async () => {
    const dump = JSON.stringify(await Promise.all(["import_job", "import_batch", "import_problem", "import_template", "survey_response", "audit_event"].map((table) =>
      db.selectFrom(table as "import_job").selectAll().execute())));
    for (const personal of ["ada.example@example.com", "192.0.2.10", "HR1 2AB", "HR12AB", "Example"]) expect(dump).not.toContain(personal);
  });

  it("refuses the same file twice by its SHA-256, and leaves the database as it was", async () => {
    const before = await snapshot();
    const again = await startImport(db, officer, partnerSourceId, receivedCopyOf(`${IMPORT_FIXTURES}/surveymonkey.csv`, "renamed.csv"));
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/^This file was already imported on .* for West Mercia Police \(batch \d+\)\. To import it again, undo that batch first$/);
    expect(await snapshot()).toEqual(before);
  });

  it("skips and counts rows already imported for the partner source by respondent id", async () => {
    // The same export with one more response added: a different file, so a different hash.
    const text = readFileSync(`${IMPORT_FIXTURES}/surveymonkey.csv`, "utf8").trimEnd();
    const extra = text.split(/\r?\n/)[2]!.replace("114382765400", "114382799999").replace("Central", "Tupsley");
    const jobId = await start(receivedText(`${text}\r\n${extra}\r\n`, "surveymonkey-later.csv"));
    const summary = await check(jobId);
    expect(summary).toMatchObject({ rowsRead: 13, rowsToImport: 1, alreadyImported: 12, rowsWithProblems: 0 });
    expect(summary.byWard).toEqual([{ code: "E05009486", name: "Tupsley", rows: 1 }]);
    const committed = await commit(jobId);
    const batch = await db.selectFrom("import_batch").select(["rows_read", "rows_imported", "rows_skipped"]).where("id", "=", committed.import_batch_id!).executeTakeFirstOrThrow();
    expect(batch).toEqual({ rows_read: 13, rows_imported: 1, rows_skipped: 12 });
  });

  it("reports every problem with its row, column, value and reason, and imports only the rows without one", async () => {
    const csv = [
      "Response ID,Date,Ward,How safe do you feel walking alone in this area after dark?",
      "r1,14/11/2025,Central,Very safe",
      "r2,14/11/2025,Atlantis,Very safe", // ward not found
      "r3,31/02/2025,Central,Very safe", // not a real date
      "r4,14/11/2025,Central,Quite safe-ish", // a label not mapped
      "r5,14/11/2025,Central,", // no answers
      "r1,15/11/2025,Tupsley,Fairly safe", // the same respondent id again
      "r7,14/11/2030,Central,Very safe", // the future
      ",,,",
      "r8,01/01/2024,Central,Very safe", // before the first reporting period
    ].join("\r\n");
    const jobId = await start(receivedText(csv, "problems.csv"));
    const summary = await check(jobId);
    expect(summary).toMatchObject({ rowsRead: 8, blankRows: 1, rowsToImport: 1, rowsWithProblems: 7 });
    expect(summary.unmatchedWards).toEqual([{ value: "Atlantis", rows: 1 }]);
    const title = "How safe do you feel walking alone in this area after dark?";
    expect(await listProblems(db, jobId, 100)).toEqual([
      { row: 3, column: "Ward", value: "Atlantis", reason: PROBLEM.wardNotFound },
      { row: 4, column: "Date", value: "31/02/2025", reason: PROBLEM.notADate },
      { row: 5, column: title, value: "Quite safe-ish", reason: PROBLEM.unknownLabel },
      { row: 6, column: "", value: "", reason: PROBLEM.noAnswers },
      { row: 7, column: "", value: "r1", reason: PROBLEM.duplicateRespondent },
      { row: 8, column: "Date", value: "14/11/2030", reason: PROBLEM.dateInFuture },
      { row: 10, column: "Date", value: "01/01/2024", reason: PROBLEM.dateOutsidePeriods },
    ]);
    let csvText = "";
    for await (const part of problemsCsv(db, jobId)) csvText += part;
    expect(csvText.split("\r\n")[0]).toBe("Row,Column,Value,Problem");
    expect(csvText).toContain("3,Ward,Atlantis,Ward not found\r\n");
    expect(csvText.trimEnd().split("\r\n")).toHaveLength(8);
    expect(await cancelImport(db, jobId)).toBe(true);
    expect(await db.selectFrom("import_problem").select("row_number").where("job_id", "=", jobId).execute()).toEqual([]);
  });

  it("refuses dates outside the period the officer chose, and can take one ward and one period for the whole file", async () => {
    const csv = ["ID,Completed,How safe do you feel walking alone in this area after dark?", "a1,14/11/2025,Very safe", "a2,14/05/2025,Fairly safe"].join("\n");
    const periods = await db.selectFrom("reporting_period").select(["id", "label"]).execute();
    const q3 = periods.find((p) => p.label === "2025/26 Q3")!.id;
    const jobId = await start(receivedText(csv, "one-ward.csv"));
    const ward = await db.selectFrom("ward").select("id").where("name", "=", "Kington").executeTakeFirstOrThrow();
    const summary = await check(jobId, (m) => ({ ...m, ward: { kind: "fixed", wardId: ward.id }, date: { kind: "column", column: 1, order: "day_first", periodId: q3 } }));
    expect(summary).toMatchObject({ rowsToImport: 1, rowsWithProblems: 1, byWard: [{ name: "Kington", rows: 1 }] });
    expect(await listProblems(db, jobId, 10)).toEqual([{ row: 3, column: "Completed", value: "14/05/2025", reason: PROBLEM.dateOutsideChosenPeriod }]);
    const whole = await check(jobId, (m) => ({ ...m, ward: { kind: "fixed", wardId: ward.id }, date: { kind: "fixed", periodId: q3 } }));
    expect(whole).toMatchObject({ rowsToImport: 2, rowsWithProblems: 0 });
    await cancelImport(db, jobId);
  });

  it("finds the ward from a postcode through the lookup, and never keeps the postcode, even in a problem", async () => {
    const csv = ["ID,Postcode,How safe do you feel walking alone in this area after dark?", "p1,hr1 2ab,Very safe", "p2,ZZ9 9ZZ,Very safe", "p3,not a postcode,Very safe"].join("\n");
    const jobId = await start(receivedText(csv, "postcodes.csv"));
    const q3 = await db.selectFrom("reporting_period").select("id").where("label", "=", "2025/26 Q3").executeTakeFirstOrThrow();
    const summary = await check(jobId, (m) => ({ ...m, date: { kind: "fixed", periodId: q3.id } }));
    expect(summary).toMatchObject({ rowsToImport: 1, byWard: [{ name: "Central", rows: 1 }] });
    const problems = await listProblems(db, jobId, 10);
    expect(problems.map((p) => p.reason)).toEqual([PROBLEM.postcodeNotFound, PROBLEM.notAPostcode]);
    expect(problems.map((p) => p.value)).toEqual(["(postcode not kept)", "(postcode not kept)"]);
    await cancelImport(db, jobId);
  });

  it("shows a file whose every row fails as nothing to import, and will not commit it", async () => {
    const before = await snapshot();
    const csv = ["ID,Ward,How safe do you feel walking alone in this area after dark?", "x1,Nowhere,Very safe", "x2,Elsewhere,Fairly safe"].join("\n");
    const jobId = await start(receivedText(csv, "all-fail.csv"));
    const summary = await check(jobId, (m) => ({ ...m, date: { kind: "fixed", periodId: 1 } }));
    expect(summary).toMatchObject({ rowsRead: 2, rowsToImport: 0, rowsWithProblems: 2 });
    const afterCommit = await commit(jobId);
    expect(afterCommit.status).toBe("checked");
    expect(afterCommit.failure).toBe("Every row has a problem or was imported before, so there is nothing to import");
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["empty.csv", "The selected file is empty"],
    ["pdf-named-csv.csv", "The selected file is a PDF. It must be a CSV file or an Excel workbook (.xlsx)"],
    ["binary-named-csv.csv", "The selected file is not text: it has NUL bytes, which a CSV never has. It must be a CSV file or an Excel workbook (.xlsx)"],
    ["malformed-quoting.csv", "The file could not be read: row 3, column 3 has a quote inside a value that does not start with a quote. Fix it and upload it again"],
    ["unclosed-quote.csv", "The file could not be read: row 3 is still inside a quoted value when the file ends. Fix it and upload it again"],
    // Declares 4 KB for a sheet that inflates to 300 MB: stopped at the declared size, nothing more inflated.
    ["zip-bomb.xlsx", "The workbook is damaged: xl/worksheets/sheet1.xml expands to more than the workbook says it does, so it was not read. Open it in Excel, save it as a new workbook (.xlsx) and upload that"],
    ["zip-bomb-declared.xlsx", "The workbook expands to more than 200 MB when opened, so it was not read. Split the responses across smaller workbooks, or save the worksheet as CSV UTF-8 and upload that"],
    ["password-protected.xlsx", "The workbook is password protected, so it could not be read. Open it in Excel, remove the password (File, Info, Protect Workbook, Encrypt with Password), save it and upload it again"],
    ["xlsx-named-csv.csv", "The workbook has no worksheet, so it holds no responses. Check it is the right file"],
    ["duplicate-headers.csv", 'The header row has more than one column called "Ward" (columns 2 and 4). Give each column its own title and upload the file again'],
  ])("refuses %s with its message, deletes the upload and changes nothing", async (file, message) => {
    const before = await snapshot();
    const jobsBefore = await db.selectFrom("import_job").select("id").execute();
    const upload = receivedCopyOf(`${IMPORT_FIXTURES}/${file}`);
    const started = await startImport(db, officer, partnerSourceId, upload);
    expect(started).toEqual({ ok: false, error: { field: "exportFile", message } });
    expect(existsSync(upload.path)).toBe(false);
    expect(await snapshot()).toEqual(before);
    expect(await db.selectFrom("import_job").select("id").execute()).toEqual(jobsBefore);
  });

  it("refuses a partner source the officer does not import for", async () => {
    const other = await db.insertInto("partner_source").values({ name: "Herefordshire Council", agency: "council" }).returning("id").executeTakeFirstOrThrow();
    const started = await startImport(db, officer, other.id, receivedCopyOf(`${IMPORT_FIXTURES}/google-forms.csv`));
    expect(started).toEqual({ ok: false, error: { field: "partnerSource", message: "Select a partner source you import for" } });
  });

  it("reapplies the partner source's saved mapping to the next export of the same shape", async () => {
    const text = readFileSync(`${IMPORT_FIXTURES}/citizen-space.csv`, "utf8");
    const firstJob = await start(receivedText(text.replace(/\r?\n$/, "") + "\n", "citizen-space-2.csv"));
    // The officer changes one answer mapping; the next file of this shape starts from that.
    const changed = await check(firstJob, (m) => ({ ...m, questions: m.questions.map((q) => (q.questionKey === "asb_experienced" ? { ...q, grade: "not_comparable" as const } : q)) }));
    expect(changed.rowsToImport).toBe(0); // every respondent was imported from citizen-space.csv already
    await cancelImport(db, firstJob);
    const nextJob = await start(receivedText(text.replace(/\r?\n$/, "") + "\n\n", "citizen-space-3.csv"));
    const next = await job(nextJob);
    expect(next.template_applied).toBe(true);
    expect(importMappingSchema.parse(next.mapping).questions.find((q) => q.questionKey === "asb_experienced")?.grade).toBe("not_comparable");
    await cancelImport(db, nextJob);
  });

  it("undoes exactly one batch: its responses leave, the others stay, and the batch stays in the history as undone", async () => {
    const batches = await db.selectFrom("import_batch").select(["id", "rows_imported"]).where("status", "=", "committed").orderBy("id").execute();
    const [target, ...others] = batches;
    const othersBefore = await db.selectFrom("survey_response").select("id").where("import_batch_id", "in", others.map((b) => b.id)).orderBy("id").execute();
    const undone = await undoImportBatch(db, officer, target!.id);
    expect(undone).toEqual({ ok: true, value: { responsesRemoved: target!.rows_imported } });
    expect(await db.selectFrom("survey_response").select("id").where("import_batch_id", "=", target!.id).execute()).toEqual([]);
    expect(await db.selectFrom("survey_response").select("id").where("import_batch_id", "in", others.map((b) => b.id)).orderBy("id").execute()).toEqual(othersBefore);
    const batch = await db.selectFrom("import_batch").select(["status", "undone_by"]).where("id", "=", target!.id).executeTakeFirstOrThrow();
    expect(batch).toEqual({ status: "undone", undone_by: officer.id });
    expect(await db.selectFrom("audit_event").select("object_id").where("action", "=", "import_undone").execute()).toEqual([{ object_id: String(target!.id) }]);
    expect(await undoImportBatch(db, officer, target!.id)).toEqual({ ok: false, error: "AlreadyUndone" });
    // Once undone, the same file may go in again.
    const again = await startImport(db, officer, partnerSourceId, receivedCopyOf(`${IMPORT_FIXTURES}/surveymonkey.csv`));
    expect(again.ok).toBe(true);
    if (again.ok) await cancelImport(db, again.value.jobId);
  });

  it("lets only the importing officer or an administrator undo a batch", async () => {
    const other = await db.insertInto("app_user").values({ email: "ola@example.test", display_name: "Ola", role: "engagement_officer", password_hash: "x", password_changed_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    const batch = await db.selectFrom("import_batch").select("id").where("status", "=", "committed").orderBy("id").executeTakeFirstOrThrow();
    expect(await undoImportBatch(db, { id: other.id, email: "ola@example.test", displayName: "Ola", role: "engagement_officer", hasTwoFactor: false }, batch.id)).toEqual({ ok: false, error: "NotYours" });
    expect((await undoImportBatch(db, administrator, batch.id)).ok).toBe(true);
  });
});
