import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Comparability, Database, ResponseChannel } from "~/lib/db/schema";
import type { ReportRequest } from "~/lib/reports/report-request";
import { listPeriods, windowsEndingAt } from "~/lib/reports/reporting-windows";
import { responseSources } from "~/lib/reports/response-sources";
import { responseSourcesTable } from "~/lib/reports/response-sources-table";
import { prepareTestshireDatabase } from "../../support/testshire-setup";
import { testDatabases } from "../../support/test-databases";

describe.each(testDatabases())("responses by source on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;

  const request = async (canSeeSuppressed: boolean, comparability: Comparability[] = ["same", "equivalent"]): Promise<ReportRequest> => {
    const periods = await listPeriods(db);
    const periodId = periods.find((p) => p.label === "2026/27 Q3")!.id;
    return {
      periods, periodId, pooling: "quarter", comparabilityChoice: "same_and_equivalent", sourcesChoice: "all", isWeighted: false, windows: windowsEndingAt(periods, periodId, "quarter")!,
      options: { threshold: 30, confidence: 0.95, comparability, canSeeSuppressed, onDate: "2026-11-25" },
    };
  };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await prepareTestshireDatabase(db);
    const version = await db.selectFrom("survey_version").select("id").executeTakeFirstOrThrow();
    const police = await db.insertInto("partner_source").values({ name: "Testshire Police", agency: "police", tool: null }).returning("id").executeTakeFirstOrThrow();
    const batch = await db.insertInto("import_batch").values({ partner_source_id: police.id, kind: "responses", tool_recognised: "SurveyMonkey", original_file_name: "x.csv", file_sha256: "c".repeat(64), mapping: "{}" }).returning("id").executeTakeFirstOrThrow();
    const answer = await db.selectFrom("response_option").innerJoin("question", "question.id", "response_option.question_id")
      .select(["response_option.id", "question.id as questionId"]).where("question.key", "=", "safe_after_dark").where("response_option.key", "=", "very_safe").executeTakeFirstOrThrow();
    const ward = async (code: string) => (await db.selectFrom("ward").select("id").where("gss_code", "=", code).executeTakeFirstOrThrow()).id;
    const period = async (label: string) => (await db.selectFrom("reporting_period").select("id").where("label", "=", label).executeTakeFirstOrThrow()).id;
    let respondent = 0;
    const add = async (code: string, channel: ResponseChannel, count: number, comparability: Comparability = "same", label = "2026/27 Q3") => {
      const place = { ward_id: await ward(code), reporting_period_id: await period(label), submitted_hour: "2026-11-25T10:00:00Z" };
      const provenance = channel === "web" ? { survey_version_id: version.id }
        : channel === "paper" ? { survey_version_id: version.id, partner_source_id: police.id }
        : { partner_source_id: police.id, import_batch_id: batch.id };
      const rows = Array.from({ length: count }, () => ({ channel, ...place, ...provenance, ...(channel === "import" ? { partner_respondent_id: `R${respondent++}` } : {}) }));
      const responses = await db.insertInto("survey_response").values(rows).returning("id").execute();
      await db.insertInto("answer").values(responses.map((r) => ({ survey_response_id: r.id, question_id: answer.questionId, response_option_id: answer.id, comparability }))).execute();
    };
    await add("E05999901", "web", 40);
    await add("E05999902", "web", 35);
    await add("E05999903", "web", 10);
    await add("E05999901", "paper", 31);
    await add("E05999902", "paper", 3);
    await add("E05999902", "import", 2, "equivalent");
    // Neither of these counts: a partner question that is not comparable, and an earlier quarter.
    await add("E05999901", "import", 5, "not_comparable");
    await add("E05999901", "web", 7, "same", "2026/27 Q2");
  });
  afterAll(() => close());

  const counts = (table: Awaited<ReturnType<typeof responseSources>>) => table.wards.map((w) => w.cells.map((c) => c.responses));

  it("counts each source's responses in each ward over the window, as counted by hand", async () => {
    const table = await responseSources(db, await request(true));
    expect(table.sources.map((s) => s.label)).toEqual(["Web", "Paper, keyed in for Testshire Police", "Testshire Police (imported)"]);
    expect(counts(table)).toEqual([[40, 31, 0], [35, 3, 2], [10, 0, 0]]);
    expect(table.wards.map((w) => w.total)).toEqual([71, 40, 10]);
    expect(table.area.cells.map((c) => c.responses)).toEqual([85, 34, 2]);
    expect(table.area.total.responses).toBe(121);
  });

  it("hides small counts from a CSP member, a second count in the column with them, and every ward total", async () => {
    const table = await responseSources(db, await request(false));
    // Paper's 3 in the second ward would follow from its column total (34) less the first ward's
    // 31, the third ward's 0 protecting nothing: so the 31 is hidden too.
    expect(counts(table)).toEqual([[40, null, null], [null, null, null], [null, null, null]]);
    expect(table.wards.map((w) => w.cells[0]!.suppression.reason)).toEqual([null, "complementary", "below_threshold"]);
    expect(table.wards.map((w) => w.cells[1]!.suppression.reason)).toEqual(["complementary", "below_threshold", "below_threshold"]);
    expect(table.wards.map((w) => w.total)).toEqual([null, null, null]);
    expect(table.showsWardTotals).toBe(false);
    // The imported source's 2 is below the threshold, so the grand total would give it back.
    expect(table.area.cells.map((c) => c.responses)).toEqual([85, 34, null]);
    expect(table.area.total).toEqual({ responses: null, suppression: { isSuppressed: true, reason: "complementary" } });
  });

  it("downloads as rows of ward, source and count, hidden counts as empty cells with their flag", async () => {
    const member = responseSourcesTable(await responseSources(db, await request(false)));
    expect(member[0]).toEqual(["area or ward", "ward code", "period", "source", "responses", "suppressed", "suppression reason"]);
    expect(member.slice(1, 5)).toEqual([
      ["Whole area", "", "2026/27 Q3", "Web", 85, "no", ""],
      ["Whole area", "", "2026/27 Q3", "Paper, keyed in for Testshire Police", 34, "no", ""],
      ["Whole area", "", "2026/27 Q3", "Testshire Police (imported)", null, "yes", "below_threshold"],
      ["Whole area", "", "2026/27 Q3", "All sources", null, "yes", "complementary"],
    ]);
    expect(member.filter((row) => row[1] === "E05999902").map((row) => row.slice(3))).toEqual([
      ["Web", null, "yes", "complementary"], ["Paper, keyed in for Testshire Police", null, "yes", "below_threshold"], ["Testshire Police (imported)", null, "yes", "below_threshold"],
    ]);
    const administrator = responseSourcesTable(await responseSources(db, await request(true)));
    expect(administrator.filter((row) => row[1] === "E05999902").map((row) => row.slice(3, 5))).toEqual([["Web", 35], ["Paper, keyed in for Testshire Police", 3], ["Testshire Police (imported)", 2], ["All sources", 40]]);
  });

  it("counts only responses with an answer of the chosen wording", async () => {
    const table = await responseSources(db, await request(false, ["same"]));
    expect(table.sources.map((s) => s.key.split(":")[0])).toEqual(["web", "paper"]);
    expect(table.area.total.responses).toBe(119);
  });
});
