import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { beginAggregateCheck, beginCheck, beginCommit } from "~/lib/imports/import-job-runner";
import { importMappingSchema } from "~/lib/imports/import-mapping";
import { startImport } from "~/lib/imports/start-import";
import { undoImportBatch } from "~/lib/imports/undo-import-batch";
import { todayInUk } from "~/lib/periods/uk-date";
import { areaDownload } from "~/lib/reports/area-download";
import { boardReport } from "~/lib/reports/board-report";
import { indicatorDownload } from "~/lib/reports/indicator-download";
import { overview } from "~/lib/reports/overview";
import { readReportRequest, type ReportRequest } from "~/lib/reports/report-request";
import { responseSources } from "~/lib/reports/response-sources";
import { wardTrends } from "~/lib/reports/ward-trends";
import { wardTrendsDownload } from "~/lib/reports/ward-trends-download";
import { prepareImportDatabase, receivedText } from "../../support/import-setup";
import { testDatabases } from "../../support/test-databases";

// An undone import batch must leave no trace in any figure: every report a CSP member or an
// administrator can reach is read before a batch goes in, after, and after it is undone, and the
// last must equal the first. A second batch stays in throughout, so the figures are not empty.
const QUESTION = "How safe do you feel walking alone in this area after dark?";
const today = todayInUk();
const ukDate = today.split("-").reverse().join("/");

const exportFile = (prefix: string, rows: [ward: string, answer: string, count: number][]) =>
  ["ID,Date,Ward," + QUESTION, ...rows.flatMap(([ward, answer, count]) => Array.from({ length: count }, (_, i) => `${prefix}-${ward}-${answer}-${i},${ukDate},${ward},${answer}`))].join("\r\n");

describe.each(testDatabases())("an undone import batch on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let officer: SessionUser;
  let administrator: SessionUser;
  let partnerSourceId: number;

  const importResponses = async (text: string): Promise<number> => {
    const started = await startImport(db, officer, partnerSourceId, receivedText(text));
    if (!started.ok) throw new Error(started.error.message);
    const job = await db.selectFrom("import_job").select("mapping").where("id", "=", started.value.jobId).executeTakeFirstOrThrow();
    await (await beginCheck(db, started.value.jobId, importMappingSchema.parse(job.mapping))).done;
    await (await beginCommit(db, started.value.jobId)).done;
    const committed = await db.selectFrom("import_job").select(["status", "import_batch_id"]).where("id", "=", started.value.jobId).executeTakeFirstOrThrow();
    expect(committed.status).toBe("committed");
    return committed.import_batch_id!;
  };

  const importCounts = async (text: string): Promise<number> => {
    const started = await startImport(db, officer, partnerSourceId, receivedText(text, "counts.csv"), "aggregate");
    if (!started.ok) throw new Error(started.error.message);
    await (await beginAggregateCheck(db, started.value.jobId)).done;
    await (await beginCommit(db, started.value.jobId)).done;
    return (await db.selectFrom("import_job").select("import_batch_id").where("id", "=", started.value.jobId).executeTakeFirstOrThrow()).import_batch_id!;
  };

  const requestFor = async (query: Record<string, string>, canSeeSuppressed: boolean): Promise<ReportRequest> => {
    const request = await readReportRequest(db, new URLSearchParams(query), { canSeeSuppressed });
    if (!request.ok) throw new Error(request.error);
    return request.value;
  };

  /** Every figure a reader can reach, as the pages, downloads and board report build them. */
  const everyFigure = async () => {
    const wards = await db.selectFrom("ward").select(["id", "gss_code"]).where("name", "in", ["Kington", "Tupsley", "Central"]).orderBy("id").execute();
    const figures: Record<string, unknown> = {};
    for (const [reader, canSeeSuppressed] of [["member", false], ["administrator", true]] as const) {
      for (const pooling of ["quarter", "rolling_year"]) {
        const request = await requestFor({ pooling }, canSeeSuppressed);
        figures[`${reader} ${pooling} overview`] = await overview(db, request);
        figures[`${reader} ${pooling} sources`] = await responseSources(db, request);
        figures[`${reader} ${pooling} board`] = await boardReport(db, request);
        for (const ward of wards) figures[`${reader} ${pooling} ${ward.gss_code}`] = await wardTrends(db, ward.id, request);
        const user = canSeeSuppressed ? administrator : { ...officer, role: "csp_member" as const };
        figures[`${reader} ${pooling} csv`] = await (await indicatorDownload(db, "feel_safe_after_dark", new URLSearchParams({ pooling }), user, "csv")).text();
        figures[`${reader} ${pooling} area csv`] = await (await areaDownload(db, new URLSearchParams({ pooling }), user, "csv")).text();
        figures[`${reader} ${pooling} Kington trends csv`] = await (await wardTrendsDownload(db, "E05009464", new URLSearchParams({ pooling }), user, "csv")).text();
      }
    }
    return figures;
  };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    ({ officer, administrator, partnerSourceId } = await prepareImportDatabase(db, today));
  });
  afterAll(() => close());

  it("gives back every figure as it was before the batch, for every reader, pooling and table", async () => {
    await importResponses(exportFile("kept", [["Kington", "Very safe", 40], ["Kington", "Very unsafe", 15], ["Tupsley", "Fairly safe", 35]]));
    const before = await everyFigure();
    const batch = await importResponses(exportFile("undone", [["Kington", "Very unsafe", 30], ["Central", "Fairly safe", 60], ["Tupsley", "A bit unsafe", 3]]));
    const withBatch = await everyFigure();
    // The batch shows in the figures while it is in, or the comparison below would prove nothing.
    for (const key of ["member quarter overview", "member quarter sources", "member rolling_year E05009464", "administrator quarter csv", "member quarter board", "member quarter area csv", "administrator quarter Kington trends csv"]) {
      expect(withBatch[key], key).not.toEqual(before[key]);
    }
    expect(await undoImportBatch(db, officer, batch)).toEqual({ ok: true, value: { responsesRemoved: 93 } });
    expect(await everyFigure()).toEqual(before);
  });

  it("does the same for an aggregate return's counts", async () => {
    const before = await everyFigure();
    const period = await db.selectFrom("reporting_period").select("label").where("starts_on", "<=", today).orderBy("starts_on", "desc").executeTakeFirstOrThrow();
    const batch = await importCounts(["ward,period,question,answer,count", `Kington,${period.label},safe_after_dark,Very safe,25`, `Kington,${period.label},safe_after_dark,Very unsafe,20`].join("\n"));
    const withBatch = await everyFigure();
    // Kington stays hidden from a CSP member (Tupsley's 35 would give it away), so its change
    // shows to an administrator; the area's figure changes for everyone.
    for (const key of ["administrator quarter E05009464", "administrator quarter csv", "member quarter overview", "member quarter csv"]) {
      expect(withBatch[key], key).not.toEqual(before[key]);
    }
    expect(await undoImportBatch(db, officer, batch)).toEqual({ ok: true, value: { responsesRemoved: 2 } });
    expect(await everyFigure()).toEqual(before);
  });
});
