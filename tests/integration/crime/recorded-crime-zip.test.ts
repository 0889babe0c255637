import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { commitRecordedCrime } from "~/lib/crime/commit-recorded-crime";
import { previewRecordedCrime } from "~/lib/crime/preview-recorded-crime";
import { recordedCrimeByWard } from "~/lib/crime/recorded-crime-by-ward";
import { streetCrimeFilesOf } from "~/lib/crime/uploaded-street-crime-files";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { deflateZipEntry, zipArchive, type ZipEntry } from "~/lib/xlsx/zip-archive";
import { testDatabases } from "../../support/test-databases";

const ZIP = "west-mercia-2024-03-to-2024-04.zip";

describe.each(testDatabases())("loading a ZIP of months of recorded crime on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let admin: { id: number; email: string };
  const counted = async () => (await db.selectFrom("recorded_crime_count").select("count").execute()).length;

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("db/reference/herefordshire/area.json"));
    await ensureReportingPeriods(db, "2023-04-01", "2024-12-31");
    admin = await db.insertInto("app_user").values({ email: "ada@example.test", display_name: "Ada", role: "administrator", password_hash: "not used" })
      .returning(["id", "email"]).executeTakeFirstOrThrow();
  });
  afterAll(() => close());

  it("refuses a zip bomb with a clear message, writing nothing", async () => {
    const honest = deflateZipEntry("2024-03/2024-03-west-mercia-street.csv", Buffer.alloc(20_000_000, 44));
    const lying: ZipEntry = { ...honest, size: 2_000 };
    const previewed = await previewRecordedCrime(db, admin, streetCrimeFilesOf([new File([Buffer.from(zipArchive([lying]))], "bomb.zip")]));
    expect(previewed).toEqual({ ok: false, error: { kind: "ZipUnreadable", message: expect.stringMatching(/^bomb\.zip is damaged: .* unpacks to more than the ZIP says it holds/) } });
    expect(await counted()).toBe(0);
    expect(await db.selectFrom("pending_upload").select("kind").execute()).toEqual([]);
  });

  it("loads both months of the fixture ZIP as one batch, naming each file inside it", async () => {
    const previewed = await previewRecordedCrime(db, admin, streetCrimeFilesOf([new File([readFileSync(`tests/fixtures/police/${ZIP}`)], ZIP)]));
    if (!previewed.ok) throw new Error(JSON.stringify(previewed.error));
    expect(previewed.value.months.map((m) => [m.month, m.rows, m.placed, m.withoutLocation, m.outsideArea])).toEqual([["2024-03", 12, 10, 1, 1], ["2024-04", 3, 3, 0, 0]]);
    const loaded = await commitRecordedCrime(db, admin, { uploadId: previewed.value.uploadId, replace: false });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const batch = await db.selectFrom("recorded_crime_batch").select(["months", "file_names", "rows_read"]).executeTakeFirstOrThrow();
    expect(batch).toEqual({ months: ["2024-03", "2024-04"], file_names: [`${ZIP}/2024-03/2024-03-west-mercia-street.csv`, `${ZIP}/2024-04/2024-04-west-mercia-street.csv`], rows_read: 15 });
    const central = await db.selectFrom("ward").select("id").where("gss_code", "=", "E05009449").executeTakeFirstOrThrow();
    const periods = await db.selectFrom("reporting_period").select(["id", "starts_on"]).where("starts_on", "in", ["2024-01-01", "2024-04-01"]).orderBy("starts_on").execute();
    const figures = await recordedCrimeByWard(db, { wardIds: [central.id], periodIds: periods.map((p) => p.id) });
    expect(figures.map((f) => [f.crimes, f.antiSocialBehaviour, f.monthsLoaded])).toEqual([[3, 0, 1], [1, 0, 1]]);
  });
});
