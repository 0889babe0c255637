import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/lib/db/schema";
import { changeReportingYearStart } from "~/lib/periods/change-reporting-year";
import { reportingPeriodIdFor } from "~/lib/periods/ensure-reporting-periods";
import { readSettings } from "~/lib/settings/settings";
import { prepareImportDatabase } from "../../support/import-setup";
import { testDatabases } from "../../support/test-databases";

const TODAY = "2026-11-25";

describe.each(testDatabases())("changing the month the reporting year starts in, on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let administrator: { id: number; email: string };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    ({ administrator } = await prepareImportDatabase(db, TODAY));
  });
  afterAll(() => close());

  const respond = async (hour: string) => {
    const ward = await db.selectFrom("ward").select("id").where("name", "=", "Kington").executeTakeFirstOrThrow();
    const date = new Date(hour).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
    await db.insertInto("survey_response").values({ channel: "web", ward_id: ward.id, reporting_period_id: await reportingPeriodIdFor(db, date), survey_version_id: (await db.selectFrom("survey_version").select("id").executeTakeFirst())?.id ?? (await makeVersion()), submitted_hour: hour }).execute();
  };
  const makeVersion = async () => {
    const survey = await db.insertInto("survey").values({ slug: "year-test" }).returning("id").executeTakeFirstOrThrow();
    return (await db.insertInto("survey_version").values({ survey_id: survey.id, version_number: 1, title: "Year test" }).returning("id").executeTakeFirstOrThrow()).id;
  };
  const periodOf = () => db.selectFrom("survey_response").innerJoin("reporting_period", "reporting_period.id", "survey_response.reporting_period_id")
    .select(["survey_response.submitted_hour", "reporting_period.label"]).orderBy("submitted_hour").execute();

  it("records calendar quarters and moves each response to the quarter holding its day", async () => {
    // 31 March 2026, 23:00 BST is still March in the UK; 1 January 2026 at 00:00 GMT is Q4 of 2025/26.
    await respond("2026-03-31T22:00:00Z");
    await respond("2026-01-01T00:00:00Z");
    await respond("2025-05-10T09:00:00Z");
    expect((await periodOf()).map((r) => r.label)).toEqual(["2025/26 Q1", "2025/26 Q4", "2025/26 Q4"]);

    // Calendar quarters start on the same days as financial ones: the same periods, relabelled.
    const changed = await changeReportingYearStart(db, administrator, 1, TODAY);
    expect(changed).toEqual({ ok: true, value: { periods: 11, responsesMoved: 0 } });
    expect((await periodOf()).map((r) => r.label)).toEqual(["2025 Q2", "2026 Q1", "2026 Q1"]);
    const labels = (await db.selectFrom("reporting_period").select("label").orderBy("starts_on").execute()).map((p) => p.label);
    expect(labels[0]).toBe("2024 Q2"); // from April 2024, where the financial quarters began
    expect(labels.at(-1)).toBe("2026 Q4");
    expect((await readSettings(db)).reportingYearStartMonth).toBe(1);
    // A year from September has quarters on other days: every response moves (Mar-May, Dec-Feb).
    expect(await changeReportingYearStart(db, administrator, 9, TODAY)).toEqual({ ok: true, value: { periods: 11, responsesMoved: 3 } });
    expect((await periodOf()).map((r) => r.label)).toEqual(["2024/25 Q3", "2025/26 Q2", "2025/26 Q3"]);
    // Back to the financial year: the same responses, the same quarters as before.
    await changeReportingYearStart(db, administrator, 4, TODAY);
    expect((await periodOf()).map((r) => r.label)).toEqual(["2025/26 Q1", "2025/26 Q4", "2025/26 Q4"]);
    const audit = await db.selectFrom("audit_event").select("detail").where("action", "=", "setting_changed").execute();
    expect(audit.map((a) => a.detail)).toContainEqual(expect.objectContaining({ setting: "reportingYearStartMonth", oldValue: 4, newValue: 1 }));
  });

  it("refuses while aggregate returns are stored, and changes nothing", async () => {
    const partner = await db.selectFrom("partner_source").select("id").executeTakeFirstOrThrow();
    const batch = await db.insertInto("import_batch").values({ partner_source_id: partner.id, kind: "aggregate", tool_recognised: "Generic CSV", original_file_name: "c.csv", file_sha256: "a".repeat(64), mapping: "{}" }).returning("id").executeTakeFirstOrThrow();
    const option = await db.selectFrom("response_option").select(["id", "question_id"]).executeTakeFirstOrThrow();
    const ward = await db.selectFrom("ward").select("id").executeTakeFirstOrThrow();
    await db.insertInto("aggregate_count").values({ import_batch_id: batch.id, partner_source_id: partner.id, ward_id: ward.id, reporting_period_id: await reportingPeriodIdFor(db, TODAY), question_id: option.question_id, response_option_id: option.id, count: 3, comparability: "same" }).execute();
    const before = await periodOf();
    const refused = await changeReportingYearStart(db, administrator, 1, TODAY);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe("AggregateCounts");
    expect(await periodOf()).toEqual(before);
    expect((await readSettings(db)).reportingYearStartMonth).toBe(4);
  });
});
