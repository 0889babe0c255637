import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { describeArea } from "~/lib/geography/describe-area";
import { localAreasInForce } from "~/lib/geography/local-areas-in-force";
import { testDatabases } from "../../support/test-databases";

const HEREFORDSHIRE = "db/reference/herefordshire/area.json";
const TESTSHIRE = "tests/fixtures/areas/testshire/area.json";

describe.each(testDatabases())("loading an area's wards on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
  });
  afterAll(() => close());

  it("loads Herefordshire's 53 wards with their boundaries and attribution", async () => {
    const loaded = await loadArea(db, await readAreaConfig(HEREFORDSHIRE));
    expect(loaded).toMatchObject({ wardsInFile: 53, wardsAdded: 53 });
    const arrow = await db.selectFrom("ward").selectAll().where("gss_code", "=", "E05009438").executeTakeFirstOrThrow();
    expect(arrow.name).toBe("Arrow");
    expect(arrow.valid_from).toBe("2019-05-02");
    expect(arrow.boundary.type).toBe("Polygon");
    const recoded = await db.selectFrom("ward").select("name").where("gss_code", "in", ["E05012957", "E05012958", "E05012959", "E05012960"]).orderBy("name").execute();
    expect(recoded.map((w) => w.name)).toEqual(["Credenhill", "Queenswood", "Stoney Street", "Sutton Walls"]);
    const area = await describeArea(db, "2026-11-25");
    expect(area).toMatchObject({ name: "Herefordshire, County of", wardCount: 53 });
    expect(area?.attribution[0]).toMatch(/Open Government Licence/);
  });

  it("adds nothing when the same area is loaded again", async () => {
    const again = await loadArea(db, await readAreaConfig(HEREFORDSHIRE));
    expect(again.wardsAdded).toBe(0);
    const { count } = await db.selectFrom("ward").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
    expect(Number(count)).toBe(53);
  });

  it("loads a second, made-up area from its own configuration and leaves Herefordshire untouched", async () => {
    const before = await db.selectFrom("ward").select(["gss_code", "name", "boundary"]).orderBy("gss_code").execute();
    const loaded = await loadArea(db, await readAreaConfig(TESTSHIRE));
    expect(loaded).toMatchObject({ wardsInFile: 3, wardsAdded: 3 });
    const testshire = await db
      .selectFrom("ward")
      .innerJoin("local_area", "local_area.id", "ward.local_area_id")
      .select(["ward.name", "ward.boundary"])
      .where("local_area.gss_code", "=", "E06999999")
      .orderBy("ward.name")
      .execute();
    expect(testshire.map((w) => w.name)).toEqual(["Abbey Green", "Brook Side", "Castle Hill"]);
    expect(testshire[2]?.boundary.type).toBe("MultiPolygon");
    const herefordshireAfter = await db
      .selectFrom("ward")
      .innerJoin("local_area", "local_area.id", "ward.local_area_id")
      .select(["ward.gss_code", "ward.name", "ward.boundary"])
      .where("local_area.gss_code", "=", "E06000019")
      .orderBy("ward.gss_code")
      .execute();
    expect(herefordshireAfter).toEqual(before);
  });

  it("names a period after the areas whose wards are in force in it, not those loaded for later", async () => {
    // Herefordshire's wards start on 2019-05-02 and Testshire's on 2023-05-04.
    expect((await localAreasInForce(db, "2020-01-01", "2020-10-01")).map((a) => a.gssCode)).toEqual(["E06000019"]);
    expect((await localAreasInForce(db, "2023-01-01", "2023-04-01")).map((a) => a.gssCode)).toEqual(["E06000019"]);
    expect((await localAreasInForce(db, "2023-04-01", "2023-07-01")).map((a) => a.gssCode)).toEqual(["E06000019", "E06999999"]);
    expect((await localAreasInForce(db, "2019-01-01", "2019-04-01")).map((a) => a.gssCode)).toEqual([]);
  });

  it("refuses a ward file with problems and writes nothing", async () => {
    const area = await readAreaConfig(TESTSHIRE);
    const broken = { ...area, localArea: { gssCode: "E06999998", name: "Broken" }, boundariesPath: "tests/fixtures/areas/broken-wards.geojson" };
    await expect(loadArea(db, broken)).rejects.toThrow(/feature 2 repeats ward code E05999801/);
    const stored = await db.selectFrom("local_area").select("id").where("gss_code", "=", "E06999998").execute();
    expect(stored).toEqual([]);
  });
});
