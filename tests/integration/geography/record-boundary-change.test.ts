import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { findWardById, listCurrentWards } from "~/lib/geography/current-wards";
import { loadArea } from "~/lib/geography/load-area";
import { previewWardUpload } from "~/lib/geography/preview-ward-upload";
import { recordBoundaryChange } from "~/lib/geography/record-boundary-change";
import { testDatabases } from "../../support/test-databases";

const fixture = (path: string) => ({ fileName: path.split("/").pop()!, text: readFileSync(`tests/fixtures/areas/${path}`, "utf8") });
const on = (date: string) => { const [year, month, day] = date.split("-"); return { "effectiveDate-day": day!, "effectiveDate-month": month!, "effectiveDate-year": year! }; };
const NEW_TESTSHIRE = {
  area: "new", newAreaCode: "E06999999", newAreaName: "Testshire (made up for tests)", partnershipName: "Testshire Safer Communities Partnership",
  attribution: "Made-up boundaries for tests; no real place.", codeProperty: "", nameProperty: "",
};

describe.each(testDatabases())("recording ward boundaries from an administrator's upload on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let admin: { id: number; email: string };
  const count = async (table: "local_area" | "ward" | "pending_upload") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const herefordshire = () => db.selectFrom("ward").innerJoin("local_area", "local_area.id", "ward.local_area_id")
    .select(["ward.id", "ward.gss_code", "ward.name", "ward.boundary", "ward.valid_from", "ward.valid_to"])
    .where("local_area.gss_code", "=", "E06000019").orderBy("ward.id").execute();
  const testshireWard = (gssCode: string) => db.selectFrom("ward").select(["id", "name", "valid_from", "valid_to"])
    .where("gss_code", "=", gssCode).orderBy("valid_from").execute();

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("db/reference/herefordshire/area.json"));
    admin = await db.insertInto("app_user").values({ email: "ada@example.org", display_name: "Ada", role: "administrator", password_hash: "not used" })
      .returning(["id", "email"]).executeTakeFirstOrThrow();
  });
  afterAll(() => close());

  it("loads a second area's wards from a GeoJSON file, after a preview, and leaves Herefordshire untouched", async () => {
    const before = await herefordshire();
    const preview = await previewWardUpload(db, admin, { values: { ...NEW_TESTSHIRE, ...on("2023-05-04") }, boundaries: fixture("testshire/wards.geojson"), names: null });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value).toMatchObject({ isNewArea: true, read: { codeProperty: "WD99CD", nameProperty: "WD99NM" }, plan: { counts: { new: 3 } } });
    expect(preview.value.map?.wards).toHaveLength(3);
    expect(await db.selectFrom("local_area").select("id").where("gss_code", "=", "E06999999").execute()).toEqual([]);

    const saved = await recordBoundaryChange(db, admin, preview.value.uploadId);
    expect(saved).toMatchObject({ ok: true, value: { isNewArea: true, areaName: "Testshire (made up for tests)", counts: { new: 3 } } });
    const area = await db.selectFrom("local_area").selectAll().where("gss_code", "=", "E06999999").executeTakeFirstOrThrow();
    expect(area).toMatchObject({ partnership_name: "Testshire Safer Communities Partnership", boundary_attribution: "Made-up boundaries for tests; no real place." });
    const wards = await db.selectFrom("ward").select(["name", "valid_from", "valid_to"]).where("local_area_id", "=", area.id).orderBy("name").execute();
    expect(wards).toEqual([
      { name: "Abbey Green", valid_from: "2023-05-04", valid_to: null },
      { name: "Brook Side", valid_from: "2023-05-04", valid_to: null },
      { name: "Castle Hill", valid_from: "2023-05-04", valid_to: null },
    ]);
    expect(await herefordshire()).toEqual(before);
    expect(await count("pending_upload")).toBe(0);
    const audit = await db.selectFrom("audit_event").select(["action", "actor_email", "object_id", "detail"]).where("action", "=", "area_loaded").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_email: "ada@example.org", object_id: "E06999999", detail: { new: 3, ended: 0, effectiveDate: "2023-05-04", fileName: "wards.geojson" } });
  });

  it("records a boundary change with dates, and a response given in a ward that ends keeps that ward", async () => {
    const brookSide = (await testshireWard("E05999902"))[0]!;
    const castleHill = (await testshireWard("E05999903"))[0]!;
    const { id: surveyId } = await db.insertInto("survey").values({ slug: "boundary-test" }).returning("id").executeTakeFirstOrThrow();
    const { id: versionId } = await db.insertInto("survey_version").values({ survey_id: surveyId, version_number: 1, title: "Test" }).returning("id").executeTakeFirstOrThrow();
    const { id: periodId } = await db.insertInto("reporting_period").values({ label: "2026 Q1 test", starts_on: "2026-04-01", ends_before: "2026-07-01" }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("survey_response").values({ channel: "web", ward_id: brookSide.id, reporting_period_id: periodId, survey_version_id: versionId, submitted_hour: "2026-05-01T10:00:00Z" }).execute();

    const preview = await previewWardUpload(db, admin, { values: { area: "E06999999", ...on("2027-05-06") }, boundaries: fixture("boundary-change/wards.geojson"), names: null });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.plan.counts).toEqual({ new: 1, changed: 1, renamed: 0, ended: 1, unchanged: 1 });
    const saved = await recordBoundaryChange(db, admin, preview.value.uploadId);
    expect(saved.ok).toBe(true);

    expect(await testshireWard("E05999901")).toMatchObject([
      { valid_from: "2023-05-04", valid_to: "2027-05-06" },
      { valid_from: "2027-05-06", valid_to: null },
    ]);
    expect(await testshireWard("E05999902")).toEqual([{ id: brookSide.id, name: "Brook Side", valid_from: "2023-05-04", valid_to: "2027-05-06" }]);
    expect(await testshireWard("E05999904")).toMatchObject([{ name: "Brook Side", valid_from: "2027-05-06", valid_to: null }]);
    expect(await testshireWard("E05999903")).toEqual([castleHill]);

    const response = await db.selectFrom("survey_response").select("ward_id").executeTakeFirstOrThrow();
    expect(await findWardById(db, response.ward_id)).toMatchObject({ gssCode: "E05999902", name: "Brook Side" });
    const codesOn = async (date: string) => (await listCurrentWards(db, date)).map((w) => w.gssCode).filter((code) => code.startsWith("E05999"));
    expect((await codesOn("2027-05-05")).sort()).toEqual(["E05999901", "E05999902", "E05999903"]);
    expect((await codesOn("2027-05-06")).sort()).toEqual(["E05999901", "E05999903", "E05999904"]);
    const audit = await db.selectFrom("audit_event").select("detail").where("action", "=", "boundary_change_recorded").executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ new: 1, changed: 1, ended: 1, unchanged: 1, effectiveDate: "2027-05-06" });
  });

  it("refuses a change dated on or before the area's latest one", async () => {
    const preview = await previewWardUpload(db, admin, { values: { area: "E06999999", ...on("2027-05-06") }, boundaries: fixture("testshire/wards.geojson"), names: null });
    expect(!preview.ok && preview.error).toEqual([{ field: "effectiveDate", message: "The date the boundaries take effect must be after 6 May 2027, the area's latest recorded boundary change" }]);
  });

  it("saves a preview once, only for the administrator who uploaded it, and only within the hour", async () => {
    const upload = () => previewWardUpload(db, admin, { values: { area: "E06999999", ...on("2028-05-04") }, boundaries: fixture("testshire/wards.geojson"), names: null });
    const first = await upload();
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const other = await db.insertInto("app_user").values({ email: "bo@example.org", display_name: "Bo", role: "administrator", password_hash: "not used" }).returning(["id", "email"]).executeTakeFirstOrThrow();
    const expired = { ok: false, error: [{ field: "boundariesFile", message: "The preview has expired or the wards have already been saved: upload the file again" }] };
    expect(await recordBoundaryChange(db, other, first.value.uploadId)).toEqual(expired);
    expect(await recordBoundaryChange(db, admin, first.value.uploadId, new Date(Date.now() + 61 * 60 * 1000))).toEqual(expired);
    expect(await recordBoundaryChange(db, admin, "not-an-id")).toEqual(expired);
    expect(await count("ward")).toBe(53 + 3 + 2); // Herefordshire, Testshire, and the redrawn and recoded wards
    const second = await upload();
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    expect((await recordBoundaryChange(db, admin, second.value.uploadId)).ok).toBe(true);
    expect(await recordBoundaryChange(db, admin, second.value.uploadId)).toEqual(expired);
  });

  it.each([
    ["not GeoJSON at all", "not-geojson.txt", /^The ward boundaries file is not GeoJSON \(it is not JSON text\)/],
    ["with repeated ward codes", "broken-wards.geojson", /^Feature 2 \(E05999801 Two\) repeats ward code E05999801/],
    ["with empty or too-short geometry", "bad-geometry-wards.geojson", /^Feature 1 \(E05999811 Empty\) has an empty geometry/],
    ["in British National Grid metres", "british-national-grid-wards.geojson", /British National Grid metres: convert the file to WGS84 \(EPSG:4326\)/],
  ])("refuses a file %s, saying why, and saves nothing", async (_, file, message) => {
    const [areas, wards, pending] = [await count("local_area"), await count("ward"), await count("pending_upload")];
    const values = { ...NEW_TESTSHIRE, newAreaCode: "E06999998", newAreaName: "Brokenshire", ...on("2024-05-02") };
    const preview = await previewWardUpload(db, admin, { values, boundaries: fixture(file), names: null });
    expect(!preview.ok && preview.error[0]).toMatchObject({ field: "boundariesFile", message: expect.stringMatching(message) });
    expect([await count("local_area"), await count("ward"), await count("pending_upload")]).toEqual([areas, wards, pending]);
  });
});
