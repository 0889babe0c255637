import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Role } from "~/lib/auth/roles";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { commitRecordedCrime } from "~/lib/crime/commit-recorded-crime";
import { listRecordedCrimeBatches } from "~/lib/crime/list-recorded-crime-batches";
import { previewRecordedCrime } from "~/lib/crime/preview-recorded-crime";
import { canLoadRecordedCrime } from "~/lib/crime/recorded-crime-access";
import { recordedCrimeByWard } from "~/lib/crime/recorded-crime-by-ward";
import type { StreetCrimeFile } from "~/lib/crime/tally-street-crime";
import { undoRecordedCrimeBatch } from "~/lib/crime/undo-recorded-crime";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { loadPopulationEstimates } from "~/lib/geography/population/load-population-estimates";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { testDatabases } from "../../support/test-databases";

const MARCH = "2024-03-west-mercia-street.csv";
const APRIL = "2024-04-west-mercia-street.csv";
const HEADER = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
const fixture = (name: string): StreetCrimeFile => ({ name, bytes: once(readFileSync(`tests/fixtures/police/${name}`)) });
const text = (name: string, csv: string): StreetCrimeFile => ({ name, bytes: once(Buffer.from(csv)) });
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

// The wards the fixtures put points in (tests/fixtures/police/README.md).
const CENTRAL = "E05009449";
const TUPSLEY = "E05009486";
const BACKBURY = "E05009440";
const ARROW = "E05009438";
const KINGTON = "E05009464";
const LEDBURY_NORTH = "E05009465";

type Actor = { id: number; email: string; role: Role };

describe.each(testDatabases())("loading recorded crime on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let admin: Actor;
  let officer: Actor;
  let otherOfficer: Actor;
  let councilOfficer: Actor;
  let member: Actor;
  const wardId = new Map<string, number>();
  let winterQuarter: number; // 2023/24 Q4: January to March 2024
  let springQuarter: number; // 2024/25 Q1: April to June 2024

  const tableSizes = async () => ({
    batches: (await db.selectFrom("recorded_crime_batch").select("id").execute()).length,
    months: (await db.selectFrom("recorded_crime_month").select("month").execute()).length,
    counts: (await db.selectFrom("recorded_crime_count").select("count").execute()).length,
  });
  const figuresFor = async (codes: string[], periodIds: number[]) => {
    const figures = await recordedCrimeByWard(db, { wardIds: codes.map((code) => wardId.get(code)!), periodIds });
    return Object.fromEntries(figures.map((f) => [`${[...wardId].find(([, id]) => id === f.wardId)![0]} ${f.periodId === winterQuarter ? "winter" : "spring"}`, f]));
  };
  const preview = async (actor: Actor, files: StreetCrimeFile[]) => {
    const previewed = await previewRecordedCrime(db, actor, files);
    if (!previewed.ok) throw new Error(`Expected a preview, got ${JSON.stringify(previewed.error)}`);
    return previewed.value;
  };
  const load = async (actor: Actor, files: StreetCrimeFile[], replace = false) => {
    const loaded = await commitRecordedCrime(db, actor, { uploadId: (await preview(actor, files)).uploadId, replace });
    if (!loaded.ok) throw new Error(`Expected a load, got ${JSON.stringify(loaded.error)}`);
    return loaded.value;
  };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("db/reference/herefordshire/area.json"));
    await ensureReportingPeriods(db, "2023-04-01", "2024-12-31");
    for (const ward of await db.selectFrom("ward").select(["id", "gss_code"]).execute()) wardId.set(ward.gss_code, ward.id);
    const period = async (starts: string) => (await db.selectFrom("reporting_period").select("id").where("starts_on", "=", starts).executeTakeFirstOrThrow()).id;
    winterQuarter = await period("2024-01-01");
    springQuarter = await period("2024-04-01");
    const person = async (email: string, role: Role): Promise<Actor> => ({
      ...(await db.insertInto("app_user").values({ email, display_name: email.split("@")[0]!, role, password_hash: "not used" }).returning(["id", "email"]).executeTakeFirstOrThrow()),
      role,
    });
    admin = await person("ada@example.test", "administrator");
    officer = await person("olu@westmercia.example", "engagement_officer");
    otherOfficer = await person("pat@westmercia.example", "engagement_officer");
    councilOfficer = await person("cal@herefordshire.example", "engagement_officer");
    member = await person("carl@example.test", "csp_member");
    const source = async (name: string, agency: string) => (await db.insertInto("partner_source").values({ name, agency, tool: null }).returning("id").executeTakeFirstOrThrow()).id;
    const police = await source("West Mercia Police", "police");
    const council = await source("Herefordshire Council", "council");
    await db.insertInto("user_partner_source").values([
      { user_id: officer.id, partner_source_id: police },
      { user_id: otherOfficer.id, partner_source_id: police },
      { user_id: councilOfficer.id, partner_source_id: council },
    ]).execute();
  });
  afterAll(() => close());

  it("lets administrators and officers of a police partner source load recorded crime, and no one else", async () => {
    expect(await canLoadRecordedCrime(db, admin)).toBe(true);
    expect(await canLoadRecordedCrime(db, officer)).toBe(true);
    expect(await canLoadRecordedCrime(db, councilOfficer)).toBe(false);
    expect(await canLoadRecordedCrime(db, member)).toBe(false);
    expect(await canLoadRecordedCrime(db, null)).toBe(false);
  });

  it("previews the March file by month and ward, writing nothing but the pending upload", async () => {
    const shown = await preview(officer, [fixture(MARCH)]);
    expect(shown).toMatchObject({
      force: "West Mercia Police",
      files: [{ name: MARCH, rows: 12 }],
      totals: { rowsRead: 12, rowsPlaced: 10, rowsWithoutLocation: 1, rowsOutsideArea: 1, crimes: 8, antiSocialBehaviour: 2 },
      monthsAlreadyLoaded: [],
    });
    expect(shown.months).toEqual([{ month: "2024-03", file: MARCH, rows: 12, placed: 10, withoutLocation: 1, outsideArea: 1, crimes: 8, antiSocialBehaviour: 2, loaded: null }]);
    expect(shown.wards.map((w) => [w.name, w.crimes, w.antiSocialBehaviour])).toEqual([
      ["Arrow", 1, 0], ["Backbury", 1, 0], ["Central", 3, 0], ["Kington", 1, 1], ["Ledbury North", 1, 0], ["Tupsley", 1, 1],
    ]);
    expect(await tableSizes()).toEqual({ batches: 0, months: 0, counts: 0 });
    expect(await db.selectFrom("pending_upload").select("kind").execute()).toEqual([{ kind: "recorded_crime" }]);
  });

  it("loads the March file as one batch with its provenance, and counts each ward's crimes and ASB", async () => {
    const pendingBefore = (await db.selectFrom("pending_upload").select("kind").execute()).length;
    const loaded = await load(officer, [fixture(MARCH)]);
    expect(loaded).toMatchObject({ force: "West Mercia Police", months: ["2024-03"], rowsPlaced: 10, replacedMonths: [] });
    const batch = await db.selectFrom("recorded_crime_batch").selectAll().where("id", "=", loaded.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      force: "West Mercia Police", months: ["2024-03"], file_names: [MARCH], loaded_by: officer.id, status: "committed", undone_at: null,
      rows_read: 12, rows_placed: 10, rows_without_location: 1, rows_outside_area: 1,
    });
    expect(batch.file_sha256s[0]).toMatch(/^[0-9a-f]{64}$/);
    const figures = await figuresFor([CENTRAL, TUPSLEY, BACKBURY, ARROW, KINGTON, LEDBURY_NORTH], [winterQuarter, springQuarter]);
    expect(figures[`${CENTRAL} winter`]).toMatchObject({ crimes: 3, antiSocialBehaviour: 0, byCrimeType: { Shoplifting: 2, "Violence and sexual offences": 1 }, monthsLoaded: 1, monthsInPeriod: 3, forces: ["West Mercia Police"] });
    expect(figures[`${TUPSLEY} winter`]).toMatchObject({ crimes: 1, antiSocialBehaviour: 1, byCrimeType: { Burglary: 1, "Anti-social behaviour": 1 } });
    // The point on the border Backbury shares with Tupsley is in Backbury only.
    expect(figures[`${BACKBURY} winter`]).toMatchObject({ crimes: 1, byCrimeType: { "Other theft": 1 } });
    expect(figures[`${KINGTON} winter`]).toMatchObject({ crimes: 1, antiSocialBehaviour: 1 });
    expect(figures[`${ARROW} winter`]!.crimes + figures[`${LEDBURY_NORTH} winter`]!.crimes).toBe(2);
    expect(figures[`${CENTRAL} spring`]).toMatchObject({ crimes: 0, antiSocialBehaviour: 0, byCrimeType: {}, monthsLoaded: 0, forces: [], population: null, crimesPer1000: null });
    const audit = await db.selectFrom("audit_event").select(["actor_email", "object_id", "detail"]).where("action", "=", "recorded_crime_loaded").execute();
    expect(audit).toEqual([{ actor_email: officer.email, object_id: String(loaded.batchId), detail: expect.objectContaining({ force: "West Mercia Police", months: "2024-03", rowsPlaced: 10, rowsOutsideArea: 1 }) }]);
    // Its preview's upload was taken; only the previous test's is left.
    expect(await db.selectFrom("pending_upload").select("kind").execute()).toHaveLength(pendingBefore);
  });

  it("refuses to load March again unless replacing is chosen, keeping the upload to answer again", async () => {
    const before = await tableSizes();
    const shown = await preview(officer, [fixture(MARCH)]);
    expect(shown.monthsAlreadyLoaded).toEqual(["2024-03"]);
    expect(shown.months[0]!.loaded).toMatchObject({ loadedBy: "olu" });
    const refused = await commitRecordedCrime(db, officer, { uploadId: shown.uploadId, replace: false });
    expect(refused).toMatchObject({ ok: false, error: { kind: "MonthsLoaded", months: ["2024-03"], preview: { uploadId: shown.uploadId, monthsAlreadyLoaded: ["2024-03"] } } });
    expect(await tableSizes()).toEqual(before);

    const replaced = await commitRecordedCrime(db, officer, { uploadId: shown.uploadId, replace: true });
    expect(replaced).toMatchObject({ ok: true, value: { months: ["2024-03"], replacedMonths: ["2024-03"] } });
    const batches = await db.selectFrom("recorded_crime_batch").select(["id", "status", "replaced_by_batch_id"]).orderBy("id").execute();
    expect(batches.map((b) => b.status)).toEqual(["replaced", "committed"]);
    expect(batches[0]!.replaced_by_batch_id).toBe(batches[1]!.id);
    // The same file again: the counts are the same, not doubled.
    expect((await figuresFor([CENTRAL], [winterQuarter]))[`${CENTRAL} winter`]).toMatchObject({ crimes: 3, monthsLoaded: 1 });
    const audit = await db.selectFrom("audit_event").select(["object_id", "detail"]).where("action", "=", "recorded_crime_replaced").execute();
    expect(audit).toEqual([{ object_id: String(batches[0]!.id), detail: expect.objectContaining({ months: "2024-03", isWholeBatch: true }) }]);
  });

  it("refuses an upload that has expired or was loaded already", async () => {
    expect(await commitRecordedCrime(db, officer, { uploadId: "a".repeat(32), replace: true })).toEqual({ ok: false, error: { kind: "Expired" } });
    const shown = await preview(officer, [fixture(APRIL)]);
    expect(await commitRecordedCrime(db, otherOfficer, { uploadId: shown.uploadId, replace: false })).toEqual({ ok: false, error: { kind: "Expired" } });
    expect((await commitRecordedCrime(db, officer, { uploadId: shown.uploadId, replace: false })).ok).toBe(true);
    expect(await commitRecordedCrime(db, officer, { uploadId: shown.uploadId, replace: false })).toEqual({ ok: false, error: { kind: "Expired" } });
  });

  it("replaces only the months a new upload holds, leaving an older batch's other months counted", async () => {
    const spring = await figuresFor([CENTRAL, ARROW], [springQuarter]);
    expect(spring[`${CENTRAL} spring`]).toMatchObject({ crimes: 1, byCrimeType: { "Bicycle theft": 1 } });
    const april = await db.selectFrom("recorded_crime_month").select("batch_id").where("month", "=", "2024-04-01").executeTakeFirstOrThrow();
    // A corrected April: Arrow's drugs offence is now a possession of weapons offence.
    const corrected = readFileSync(`tests/fixtures/police/${APRIL}`, "utf8").replace(",Drugs,", ",Possession of weapons,");
    const mayRow = ",2024-05,West Mercia Police,West Mercia Police,-2.7157,52.0543,On or near Cathedral Close,,,Robbery,,\n";
    const loaded = await load(admin, [text("2024-04-corrected.csv", corrected), text("2024-05.csv", `${HEADER}\n${mayRow}`)], true);
    expect(loaded.replacedMonths).toEqual(["2024-04"]);
    const after = await figuresFor([CENTRAL, ARROW], [springQuarter]);
    expect(after[`${ARROW} spring`]).toMatchObject({ crimes: 1, byCrimeType: { "Possession of weapons": 1 }, monthsLoaded: 2 });
    expect(after[`${CENTRAL} spring`]).toMatchObject({ crimes: 2, byCrimeType: { "Bicycle theft": 1, Robbery: 1 } });
    const old = await db.selectFrom("recorded_crime_batch").select(["status", "replaced_by_batch_id"]).where("id", "=", april.batch_id).executeTakeFirstOrThrow();
    expect(old).toEqual({ status: "replaced", replaced_by_batch_id: loaded.batchId });
  });

  it("keeps a batch counted for the months a replacement did not cover", async () => {
    // Two months in one batch, then May alone again: the older batch keeps April.
    const both = await load(admin, [fixture(APRIL), text("2024-05.csv", `${HEADER}\n,2024-05,West Mercia Police,West Mercia Police,,,No Location,,,Drugs,,\n`)], true);
    const mayAgain = await load(admin, [text("2024-05-again.csv", `${HEADER}\n,2024-05,West Mercia Police,West Mercia Police,-2.9369,52.2215,On or near Arrow Lane,,,Shoplifting,,\n`)], true);
    const history = await listRecordedCrimeBatches(db);
    expect(history[0]).toMatchObject({ id: mayAgain.batchId, months: ["2024-05"], monthsCounted: ["2024-05"], status: "committed" });
    expect(history[1]).toMatchObject({ id: both.batchId, months: ["2024-04", "2024-05"], monthsCounted: ["2024-04"], status: "committed", replacedBy: null });
    const spring = await figuresFor([ARROW], [springQuarter]);
    expect(spring[`${ARROW} spring`]).toMatchObject({ byCrimeType: { Drugs: 1, Shoplifting: 1 } });
  });

  it("undoes a batch: its months stop counting, one it had replaced counts again, and it stays in the history", async () => {
    const [latest, before] = await listRecordedCrimeBatches(db);
    expect(await undoRecordedCrimeBatch(db, otherOfficer, latest!.id)).toEqual({ ok: false, error: "NotTheirs" });
    const undone = await undoRecordedCrimeBatch(db, admin, latest!.id);
    // May goes back to the batch of April and May that it had taken May from.
    expect(undone).toEqual({ ok: true, value: { batchId: latest!.id, force: "West Mercia Police", months: ["2024-05"], restored: [{ batchId: before!.id, months: ["2024-05"] }] } });
    expect(await undoRecordedCrimeBatch(db, admin, latest!.id)).toEqual({ ok: false, error: "AlreadyEnded" });
    expect(await undoRecordedCrimeBatch(db, admin, 999_999)).toEqual({ ok: false, error: "BatchNotFound" });
    const [again, restored] = await listRecordedCrimeBatches(db);
    expect(again).toMatchObject({ id: latest!.id, status: "undone", monthsCounted: [], crimes: 1, rowsPlaced: 1 });
    expect(again!.endedAt).toBeInstanceOf(Date);
    expect(restored).toMatchObject({ id: before!.id, status: "committed", monthsCounted: ["2024-04", "2024-05"] });
    const spring = await figuresFor([ARROW], [springQuarter]);
    expect(spring[`${ARROW} spring`]).toMatchObject({ byCrimeType: { Drugs: 1 }, monthsLoaded: 2 });
    expect((await preview(admin, [text("2024-05-again.csv", `${HEADER}\n,2024-05,West Mercia Police,West Mercia Police,,,No Location,,,Drugs,,\n`)])).monthsAlreadyLoaded).toEqual(["2024-05"]);
    const audit = await db.selectFrom("audit_event").select(["actor_email", "action", "object_id", "detail"]).where("action", "in", ["recorded_crime_undone", "recorded_crime_restored"]).orderBy("id").execute();
    expect(audit).toEqual([
      { actor_email: admin.email, action: "recorded_crime_undone", object_id: String(latest!.id), detail: { force: "West Mercia Police", months: "2024-05" } },
      { actor_email: admin.email, action: "recorded_crime_restored", object_id: String(before!.id), detail: { force: "West Mercia Police", months: "2024-05", undoneBatch: latest!.id } },
    ]);
  });

  it("undoes replacements one by one back to the first load, which then frees its month", async () => {
    // Three loads of April, each replacing the one before: undoing each gives April back to the one before it.
    const [both, corrected, first] = (await listRecordedCrimeBatches(db)).filter((b) => b.months.includes("2024-04"));
    expect([both!.status, corrected!.status, first!.status]).toEqual(["committed", "replaced", "replaced"]);
    expect(await undoRecordedCrimeBatch(db, admin, both!.id)).toMatchObject({ ok: true, value: { restored: [{ batchId: corrected!.id, months: ["2024-04", "2024-05"] }] } });
    expect((await figuresFor([ARROW, CENTRAL], [springQuarter]))).toMatchObject({
      [`${ARROW} spring`]: { byCrimeType: { "Possession of weapons": 1 } },
      [`${CENTRAL} spring`]: { byCrimeType: { "Bicycle theft": 1, Robbery: 1 } },
    });
    const back = (await listRecordedCrimeBatches(db)).find((b) => b.id === corrected!.id);
    expect(back).toMatchObject({ status: "committed", replacedBy: null, endedAt: null, monthsCounted: ["2024-04", "2024-05"] });
    // The corrected batch had taken April only from the first; May was new, so it comes free.
    expect(await undoRecordedCrimeBatch(db, admin, corrected!.id)).toMatchObject({ ok: true, value: { months: ["2024-04", "2024-05"], restored: [{ batchId: first!.id, months: ["2024-04"] }] } });
    expect((await figuresFor([ARROW, CENTRAL], [springQuarter]))).toMatchObject({
      [`${ARROW} spring`]: { byCrimeType: { Drugs: 1 }, monthsLoaded: 1 },
      [`${CENTRAL} spring`]: { byCrimeType: { "Bicycle theft": 1 }, monthsLoaded: 1 },
    });
    expect(await undoRecordedCrimeBatch(db, officer, first!.id)).toMatchObject({ ok: true, value: { months: ["2024-04"], restored: [] } });
    expect(await db.selectFrom("recorded_crime_month").select("month").where("month", ">=", "2024-04-01").execute()).toEqual([]);
    expect(await db.selectFrom("recorded_crime_month_replaced").select("month").where("month", ">=", "2024-04-01").execute()).toEqual([]);
  });

  it("leaves a month free when the load it was taken from has been undone since", async () => {
    // September and October, then October replaced; the first load undone (for September), then the replacement.
    const row = (month: string) => `,${month},West Mercia Police,West Mercia Police,-2.7157,52.0543,x,,,Drugs,,`;
    const autumn = await load(admin, [text("2024-09-10.csv", `${HEADER}\n${row("2024-09")}\n${row("2024-10")}\n`)]);
    const october = await load(admin, [text("2024-10.csv", `${HEADER}\n${row("2024-10")}\n`)], true);
    expect(await undoRecordedCrimeBatch(db, admin, autumn.batchId)).toMatchObject({ ok: true, value: { months: ["2024-09"], restored: [] } });
    expect(await undoRecordedCrimeBatch(db, admin, october.batchId)).toMatchObject({ ok: true, value: { months: ["2024-10"], restored: [] } });
    expect(await db.selectFrom("recorded_crime_month").select("month").where("month", ">=", "2024-09-01").execute()).toEqual([]);
  });

  it("lets an officer undo a batch they loaded", async () => {
    const loaded = await load(officer, [text("2024-06.csv", `${HEADER}\n,2024-06,West Mercia Police,West Mercia Police,-2.7157,52.0543,x,,,Drugs,,\n`)]);
    expect((await undoRecordedCrimeBatch(db, officer, loaded.batchId)).ok).toBe(true);
  });

  it("refuses a file not in the street layout, or with bad rows, writing nothing", async () => {
    const before = await tableSizes();
    expect(await previewRecordedCrime(db, officer, [fixture("2024-03-west-mercia-outcomes.csv")]))
      .toMatchObject({ ok: false, error: { kind: "NotStreetCrime", missing: ["Crime type"] } });
    expect(await previewRecordedCrime(db, officer, [fixture("2024-05-bad-rows-street.csv")]))
      .toMatchObject({ ok: false, error: { kind: "FileErrors", errorCount: 4 } });
    expect(await tableSizes()).toEqual(before);
  });

  it("refuses months before the area's wards were in force", async () => {
    expect(await previewRecordedCrime(db, officer, [text("2019-03.csv", `${HEADER}\n,2019-03,West Mercia Police,West Mercia Police,-2.7157,52.0543,x,,,Drugs,,\n`)]))
      .toEqual({ ok: false, error: { kind: "NoWardsForMonths", months: ["2019-03"] } });
  });

  it("places each month in the boundaries in force in the middle of it", async () => {
    // Central redrawn (same shape, new vintage) from 10 July 2024: July's crimes go to the new
    // ward, and a June crime to the old one.
    const old = await db.selectFrom("ward").selectAll().where("gss_code", "=", CENTRAL).executeTakeFirstOrThrow();
    await db.updateTable("ward").set({ valid_to: "2024-07-10" }).where("id", "=", old.id).execute();
    const { id: redrawn } = await db.insertInto("ward").values({
      local_area_id: old.local_area_id, gss_code: CENTRAL, name: "Central", name_cy: null, boundary: JSON.stringify(old.boundary), valid_from: "2024-07-10", valid_to: null,
    }).returning("id").executeTakeFirstOrThrow();
    const row = (month: string) => `,${month},West Mercia Police,West Mercia Police,-2.7157,52.0543,On or near Cathedral Close,,,Shoplifting,,`;
    const loaded = await load(admin, [text("2024-06-07.csv", `${HEADER}\n${row("2024-06")}\n${row("2024-07")}\n`)], true);
    const counts = await db.selectFrom("recorded_crime_count").select(["ward_id", "month"]).where("batch_id", "=", loaded.batchId).orderBy("month").execute();
    expect(counts).toEqual([{ ward_id: old.id, month: "2024-06-01" }, { ward_id: redrawn, month: "2024-07-01" }]);
  });

  it("gives rates per 1,000 residents aged 16 or over once population estimates are loaded", async () => {
    const population = await loadPopulationEstimates(db, once(readFileSync("tests/fixtures/population/herefordshire-made-up.csv")), {
      year: 2023, source: "made up", onDate: "2024-01-01", loadedBy: admin, fileName: "herefordshire-made-up.csv",
    });
    expect(population.ok).toBe(true);
    const { [`${TUPSLEY} winter`]: tupsley } = await figuresFor([TUPSLEY], [winterQuarter]);
    expect(tupsley!.population).toEqual({ year: 2023, aged16AndOver: expect.any(Number) });
    expect(tupsley!.crimesPer1000).toBeCloseTo(1000 / tupsley!.population!.aged16AndOver, 10);
    expect(tupsley!.antiSocialBehaviourPer1000).toBeCloseTo(1000 / tupsley!.population!.aged16AndOver, 10);
  });

  it("keeps, in the database itself, one batch per force and month and only sensible batches and counts", async () => {
    const [batch] = await listRecordedCrimeBatches(db);
    const refused = async (write: () => Promise<unknown>) => expect(write()).rejects.toThrow();
    const held = await db.selectFrom("recorded_crime_month").selectAll().limit(1).executeTakeFirstOrThrow();
    await refused(() => db.insertInto("recorded_crime_month").values({ force: held.force, month: String(held.month), batch_id: batch!.id }).execute());
    await refused(() => db.insertInto("recorded_crime_month").values({ force: "Another Police", month: "2024-03-15", batch_id: batch!.id }).execute());
    await refused(() => db.insertInto("recorded_crime_count").values({ batch_id: batch!.id, ward_id: wardId.get(CENTRAL)!, month: "2030-01-01", crime_type: "Drugs", count: 0 }).execute());
    const good = { force: "Another Police", months: ["2024-03"], file_names: ["a.csv"], file_sha256s: ["0".repeat(64)], loaded_by: null, rows_read: 1, rows_placed: 1, rows_without_location: 0, rows_outside_area: 0 };
    await refused(() => db.insertInto("recorded_crime_batch").values({ ...good, months: ["2024-3"] }).execute());
    await refused(() => db.insertInto("recorded_crime_batch").values({ ...good, rows_read: 2 }).execute());
    await refused(() => db.insertInto("recorded_crime_batch").values({ ...good, file_sha256s: [] }).execute());
    await refused(() => db.insertInto("recorded_crime_batch").values({ ...good, status: "undone" }).execute());
    await expect(db.insertInto("recorded_crime_batch").values(good).execute()).resolves.toBeDefined();
  });
});
