import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { WardBoundary } from "~/lib/db/schema";
import { tallyStreetCrime, type StreetCrimeFile } from "~/lib/crime/tally-street-crime";
import { buildWardLocator } from "~/lib/geography/ward-locator";

type Feature = { properties: { code: string }; geometry: WardBoundary };
const features: Feature[] = JSON.parse(readFileSync("db/reference/herefordshire/wards.geojson", "utf8")).features;
const codes = features.map((f) => f.properties.code);
const locator = buildWardLocator(features.map((f, index) => ({ id: index, boundary: f.geometry })));
const everyMonth = () => locator;

const fixture = (name: string): StreetCrimeFile => ({ name, bytes: chunks(readFileSync(`tests/fixtures/police/${name}`)) });
const text = (name: string, csv: string): StreetCrimeFile => ({ name, bytes: chunks(Buffer.from(csv)) });
// Small chunks, so that records and characters are split across them as in a real upload.
async function* chunks(bytes: Uint8Array, size = 97): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
const HEADER = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

describe("tallyStreetCrime", () => {
  it("counts the March fixture by ward and crime type, and counts the rows it could not place", async () => {
    const result = await tallyStreetCrime([fixture("2024-03-west-mercia-street.csv")], everyMonth);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const tally = result.value;
    expect(tally).toMatchObject({ force: "West Mercia Police", rowsRead: 12, rowsPlaced: 10, rowsWithoutLocation: 1, rowsOutsideArea: 1 });
    expect(tally.months).toEqual([{ month: "2024-03", file: "2024-03-west-mercia-street.csv", rows: 12, placed: 10, withoutLocation: 1, outsideArea: 1 }]);
    expect(tally.files).toEqual([{ name: "2024-03-west-mercia-street.csv", sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rows: 12 }]);
    const byWard = tally.counts
      .map((c) => `${codes[c.wardId]} ${c.month} ${c.crimeType} ${c.count}`)
      .sort();
    expect(byWard).toEqual([
      "E05009438 2024-03 Vehicle crime 1", // Arrow
      "E05009440 2024-03 Other theft 1", // Backbury: the point on its border with Tupsley
      "E05009449 2024-03 Shoplifting 2", // Central
      "E05009449 2024-03 Violence and sexual offences 1",
      "E05009464 2024-03 Anti-social behaviour 1", // Kington
      "E05009464 2024-03 Criminal damage and arson 1",
      "E05009465 2024-03 Public order 1", // Ledbury North
      "E05009486 2024-03 Anti-social behaviour 1", // Tupsley
      "E05009486 2024-03 Burglary 1",
    ]);
  });

  it("reads many files, each month placed in its own month's wards", async () => {
    const asked: string[] = [];
    const result = await tallyStreetCrime([fixture("2024-03-west-mercia-street.csv"), fixture("2024-04-west-mercia-street.csv")], (month) => {
      asked.push(month);
      return locator;
    });
    expect(result.ok && result.value.months.map((m) => [m.month, m.rows, m.placed])).toEqual([["2024-03", 12, 10], ["2024-04", 3, 3]]);
    expect(asked).toEqual(["2024-03", "2024-04"]);
  });

  it("refuses months with no wards in force, rather than counting every row as outside the area", async () => {
    const result = await tallyStreetCrime([fixture("2024-03-west-mercia-street.csv"), fixture("2024-04-west-mercia-street.csv")], (month) => (month === "2024-04" ? null : locator));
    expect(result).toEqual({ ok: false, error: { kind: "NoWardsForMonths", months: ["2024-04"] } });
  });

  it("names the missing columns and the file that lacks them", async () => {
    const result = await tallyStreetCrime([fixture("2024-03-west-mercia-street.csv"), fixture("2024-03-west-mercia-outcomes.csv")], everyMonth);
    expect(result).toEqual({ ok: false, error: { kind: "NotStreetCrime", file: "2024-03-west-mercia-outcomes.csv", missing: ["Crime type"], found: expect.any(Array) } });
  });

  it("lists every bad row with its file, and counts nothing", async () => {
    const result = await tallyStreetCrime([fixture("2024-05-bad-rows-street.csv")], everyMonth);
    expect(result.ok).toBe(false);
    if (result.ok || result.error.kind !== "FileErrors") throw new Error("expected FileErrors");
    expect(result.error.errorCount).toBe(4);
    expect(result.error.errors.map((e) => [e.file, e.row, e.column])).toEqual([
      ["2024-05-bad-rows-street.csv", 3, "Month"],
      ["2024-05-bad-rows-street.csv", 4, "Crime type"],
      ["2024-05-bad-rows-street.csv", 5, "Latitude"],
      ["2024-05-bad-rows-street.csv", 6, "Longitude"],
    ]);
  });

  it("refuses the same file twice, and a month in two files, which would count crimes twice", async () => {
    expect(await tallyStreetCrime([fixture("2024-04-west-mercia-street.csv"), fixture("2024-04-west-mercia-street.csv")], everyMonth))
      .toEqual({ ok: false, error: { kind: "SameFileTwice", files: ["2024-04-west-mercia-street.csv", "2024-04-west-mercia-street.csv"] } });
    const another = text("april-again.csv", `${HEADER}\n,2024-04,West Mercia Police,West Mercia Police,,,No Location,,,Drugs,,\n`);
    expect(await tallyStreetCrime([fixture("2024-04-west-mercia-street.csv"), another], everyMonth))
      .toEqual({ ok: false, error: { kind: "MonthInTwoFiles", month: "2024-04", files: ["2024-04-west-mercia-street.csv", "april-again.csv"] } });
  });

  it("refuses files from more than one force, which are loaded one force at a time", async () => {
    const btp = text("2024-03-btp-street.csv", `${HEADER}\n,2024-05,British Transport Police,British Transport Police,-2.7085,52.0613,On or near Station Approach,,,Theft from the person,,\n`);
    expect(await tallyStreetCrime([fixture("2024-03-west-mercia-street.csv"), btp], everyMonth))
      .toEqual({ ok: false, error: { kind: "MixedForces", forces: ["British Transport Police", "West Mercia Police"] } });
  });

  it("refuses a file that is not CSV text, naming it", async () => {
    const result = await tallyStreetCrime([{ name: "photo.csv", bytes: chunks(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d])) }], everyMonth);
    expect(result).toMatchObject({ ok: false, error: { kind: "NotCsv", file: "photo.csv" } });
  });

  it("refuses an upload with no rows of crime, or no files", async () => {
    expect(await tallyStreetCrime([text("empty.csv", `${HEADER}\n`)], everyMonth)).toEqual({ ok: false, error: { kind: "NoRows" } });
    expect(await tallyStreetCrime([], everyMonth)).toEqual({ ok: false, error: { kind: "NoFiles" } });
  });
});
