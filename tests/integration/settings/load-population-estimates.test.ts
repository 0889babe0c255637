import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { loadPopulationEstimates, type LoadPopulationOptions } from "~/lib/geography/population/load-population-estimates";
import { summarisePopulation } from "~/lib/geography/population/population-summary";
import { AGE_BANDS, SEXES } from "~/lib/geography/population/population-labels";
import { testDatabases } from "../../support/test-databases";

const TODAY = "2026-11-25";
const WARDS = ["E05999901", "E05999902", "E05999903"];

/** A complete file for Testshire's three wards: 3 wards x 7 bands x 2 sexes = 42 rows. */
function populationCsv(year: number, extra: (ward: string, band: number, sex: number) => number = () => 0): string {
  const lines = ["Ward code,Age band,Sex,Population,Year"];
  WARDS.forEach((ward, w) => AGE_BANDS.forEach((band, b) => SEXES.forEach((sex, s) => {
    const label = band.to === null ? `${band.from}+` : `${band.from} to ${band.to}`;
    lines.push(`${ward},${label},${sex.label},${100 * (w + 1) + b + extra(ward, b, s)},${year}`);
  })));
  return `${lines.join("\r\n")}\r\n`;
}

async function* textOf(csv: string): AsyncGenerator<string> {
  yield csv;
}

describe.each(testDatabases())("loading ward population estimates on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  const options: LoadPopulationOptions = { year: null, source: "ONS mid-2022 (test)", onDate: TODAY, loadedBy: null, fileName: "pop.csv" };
  // Each ward's total: 14 cells of 100 * (w + 1), plus the band index 0..6 twice (42).
  const wardTotal = (w: number) => 1400 * (w + 1) + 42;

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig("tests/fixtures/areas/testshire/area.json"));
    options.loadedBy = await db.insertInto("app_user")
      .values({ email: "ada@example.test", display_name: "Ada", role: "administrator", password_hash: "x", password_changed_at: new Date() })
      .returning(["id", "email"]).executeTakeFirstOrThrow();
  });
  afterAll(() => close());

  const snapshot = () => db.selectFrom("population_estimate").selectAll().orderBy("year").orderBy("ward_id").orderBy("age_band").orderBy("sex").execute();
  const load = (csv: string, extra: Partial<LoadPopulationOptions> = {}) => loadPopulationEstimates(db, textOf(csv), { ...options, ...extra });

  it("loads a complete file in the bank's keys, records it, and sums it by year and ward", async () => {
    const result = await load(populationCsv(2022));
    expect(result).toEqual({ ok: true, value: { years: [2022], rows: 42, wards: 3, population: wardTotal(0) + wardTotal(1) + wardTotal(2) } });
    const rows = await snapshot();
    expect(rows).toHaveLength(42);
    expect(new Set(rows.map((r) => r.age_band))).toEqual(new Set(AGE_BANDS.map((b) => b.key)));
    expect(new Set(rows.map((r) => r.sex))).toEqual(new Set(["female", "male"]));
    expect(rows.every((r) => r.source === "ONS mid-2022 (test)")).toBe(true);
    const audit = await db.selectFrom("audit_event").select(["action", "actor_email", "detail"]).where("action", "=", "population_loaded").executeTakeFirstOrThrow();
    expect(audit.actor_email).toBe("ada@example.test");
    expect(audit.detail).toMatchObject({ years: "2022", rows: 42, wards: 3, fileName: "pop.csv" });
    const summary = await summarisePopulation(db, TODAY);
    expect(summary.years).toEqual([{ year: 2022, source: "ONS mid-2022 (test)", wards: 3, population: wardTotal(0) + wardTotal(1) + wardTotal(2) }]);
    expect(summary.wards.map((w) => [w.gssCode, w.byYear])).toEqual([["E05999901", { 2022: wardTotal(0) }], ["E05999902", { 2022: wardTotal(1) }], ["E05999903", { 2022: wardTotal(2) }]]);
  });

  it("replaces the year it loads and keeps the other years", async () => {
    expect((await load(populationCsv(2021))).ok).toBe(true);
    expect((await load(populationCsv(2022, () => 1), { source: "second load" })).ok).toBe(true);
    const summary = await summarisePopulation(db, TODAY);
    expect(summary.years.map((y) => [y.year, y.source, y.population])).toEqual([
      [2022, "second load", wardTotal(0) + wardTotal(1) + wardTotal(2) + 42],
      [2021, "ONS mid-2022 (test)", wardTotal(0) + wardTotal(1) + wardTotal(2)],
    ]);
    expect(await snapshot()).toHaveLength(84);
  });

  const replace = (csv: string, find: string, by: string) => {
    expect(csv).toContain(find);
    return csv.replace(find, by);
  };
  const badFiles: [string, () => string, Partial<LoadPopulationOptions>, RegExp][] = [
    ["an unknown ward code", () => replace(populationCsv(2022), "E05999903,16 to 24,Female", "E05000001,16 to 24,Female"), {}, /E05000001 is not one of the area's current wards/],
    ["a ward with no rows", () => populationCsv(2022).split("\r\n").filter((l) => !l.startsWith("E05999902")).join("\r\n"), {}, /Brook Side \(E05999902\) has no rows for 2022/],
    ["a negative count", () => replace(populationCsv(2022), "Female,100,", "Female,-100,"), {}, /must not be negative/],
    ["a count that is not whole", () => replace(populationCsv(2022), "Female,100,", "Female,100.5,"), {}, /must be a whole number/],
    ["a repeated row", () => `${populationCsv(2022)}E05999901,16-24,F,7,2022\r\n`, {}, /Repeats row 2/],
    ["an age band not in the bank", () => replace(populationCsv(2022), "16 to 24", "0 to 15"), {}, /"0 to 15" is not one of the age bands/],
  ];
  for (const [name, csv, extra, reason] of badFiles) {
    it(`refuses ${name}, leaving every year as it was`, async () => {
      const before = await snapshot();
      const audits = await db.selectFrom("audit_event").select("id").execute();
      const result = await load(csv(), extra);
      expect(result.ok).toBe(false);
      if (!result.ok && result.error.kind === "FileErrors") expect(result.error.errors.map((e) => e.reason).join("\n")).toMatch(reason);
      else throw new Error(`Expected FileErrors, got ${JSON.stringify(result)}`);
      expect(await snapshot()).toEqual(before);
      expect(await db.selectFrom("audit_event").select("id").execute()).toHaveLength(audits.length);
    });
  }

  it("refuses a file that is not CSV it can read, or has no year, changing nothing", async () => {
    const before = await snapshot();
    expect(await load(`${populationCsv(2022)}"E05999901,unclosed`)).toMatchObject({ ok: false, error: { kind: "NotCsv" } });
    expect(await load(populationCsv(2022).replace(/,\d{4}\r\n/g, "\r\n").replace(",Year", ""))).toEqual({ ok: false, error: { kind: "YearNeeded" } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses everything when no wards are current on the date", async () => {
    expect(await load(populationCsv(2022), { onDate: "2020-01-01" })).toEqual({ ok: false, error: { kind: "NoCurrentWards" } });
  });
});
