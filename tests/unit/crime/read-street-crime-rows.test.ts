import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readDelimitedRecords } from "~/lib/csv/read-delimited-records";
import { CRIME_TYPES, crimeTypeNamed } from "~/lib/crime/crime-types";
import { readStreetCrimeRows, STREET_CRIME_COLUMNS, type StreetCrimeLine } from "~/lib/crime/read-street-crime-rows";

const HEADER = STREET_CRIME_COLUMNS.join(",");
async function* textOf(text: string): AsyncGenerator<string> {
  yield text;
}
async function linesOf(text: string): Promise<StreetCrimeLine[]> {
  const lines: StreetCrimeLine[] = [];
  for await (const line of readStreetCrimeRows(readDelimitedRecords(textOf(text)))) lines.push(line);
  return lines;
}
const row = (cells: Partial<Record<(typeof STREET_CRIME_COLUMNS)[number], string>>) =>
  STREET_CRIME_COLUMNS.map((column) => cells[column] ?? "").join(",");
const good = { Month: "2024-03", "Reported by": "West Mercia Police", "Falls within": "West Mercia Police", Longitude: "-2.7157", Latitude: "52.0543", "Crime type": "Burglary" };

describe("readStreetCrimeRows", () => {
  it("reads the made-up March file: twelve rows, one without a location, ASB by its published name", async () => {
    const lines = await linesOf(readFileSync("tests/fixtures/police/2024-03-west-mercia-street.csv", "utf8"));
    expect(lines.every((line) => line.ok)).toBe(true);
    const rows = lines.flatMap((line) => (line.ok ? [line.value] : []));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({ row: 2, month: "2024-03", force: "West Mercia Police", crimeType: "Shoplifting", location: { longitude: -2.7157, latitude: 52.0543 } });
    expect(rows.filter((r) => r.location === null).map((r) => r.row)).toEqual([13]);
    expect(rows.filter((r) => r.crimeType === "Anti-social behaviour")).toHaveLength(2);
  });

  it("names the missing columns of a file in another layout, and reads nothing more", async () => {
    const lines = await linesOf(readFileSync("tests/fixtures/police/2024-03-west-mercia-outcomes.csv", "utf8"));
    expect(lines).toEqual([{ ok: false, error: { kind: "MissingColumns", missing: ["Crime type"], found: expect.arrayContaining(["Outcome type", "Month"]) } }]);
  });

  it("names every needed column a spreadsheet of something else lacks", async () => {
    const [line] = await linesOf("Ward code,Age band,Sex,Population\nE05009438,16-24,Female,312\n");
    expect(line).toEqual({ ok: false, error: { kind: "MissingColumns", missing: ["Month", "Reported by", "Longitude", "Latitude", "Crime type"], found: ["Ward code", "Age band", "Sex", "Population"] } });
  });

  it("finds the columns in any order and case, after a byte order mark, skipping blank lines", async () => {
    const text = `\uFEFFcrime type,LATITUDE,longitude,month,Reported By\n\nBurglary,52.1,-2.7,2024-03,West Mercia Police\n`;
    expect(await linesOf(text)).toEqual([{ ok: true, value: { row: 3, month: "2024-03", force: "West Mercia Police", crimeType: "Burglary", location: { longitude: -2.7, latitude: 52.1 } } }]);
  });

  it("gives the published name of a crime type written in another case or spacing", async () => {
    const [line] = await linesOf(`${HEADER}\n${row({ ...good, "Crime type": "  anti-social   BEHAVIOUR " })}\n`);
    expect(line?.ok && line.value.crimeType).toBe("Anti-social behaviour");
    expect(CRIME_TYPES.every((type) => crimeTypeNamed(type) === type)).toBe(true);
    expect(crimeTypeNamed("Violent crime")).toBe("Violent crime");
  });

  it("says which row and column is wrong, and why, and goes on reading", async () => {
    const lines = await linesOf(readFileSync("tests/fixtures/police/2024-05-bad-rows-street.csv", "utf8"));
    expect(lines.map((line) => (line.ok ? "ok" : line.error))).toEqual([
      "ok",
      { kind: "BadRow", row: 3, column: "Month", reason: '"05/2024" is not a month written YYYY-MM from 2010-12 on, like 2024-03' },
      { kind: "BadRow", row: 4, column: "Crime type", reason: '"Burgalry" is not one of the crime types data.police.uk publishes' },
      { kind: "BadRow", row: 5, column: "Latitude", reason: "The latitude is blank but the longitude is not" },
      { kind: "BadRow", row: 6, column: "Longitude", reason: "The longitude 350912 is not between -180 and 180 degrees" },
    ]);
  });

  it.each([
    [{ Month: "" }, "Month", "The month is blank"],
    [{ Month: "2024-13" }, "Month", '"2024-13" is not a month written YYYY-MM from 2010-12 on, like 2024-03'],
    [{ Month: "2009-01" }, "Month", '"2009-01" is not a month written YYYY-MM from 2010-12 on, like 2024-03'],
    [{ "Reported by": "" }, "Reported by", "The force that reported the crime is blank"],
    [{ "Crime type": "" }, "Crime type", "The crime type is blank"],
    [{ Longitude: "" }, "Longitude", "The longitude is blank but the latitude is not"],
    [{ Longitude: "two west" }, "Longitude", 'The longitude "two west" is not a number'],
    [{ Latitude: "52.1N" }, "Latitude", 'The latitude "52.1N" is not a number'],
    [{ Latitude: "91" }, "Latitude", "The latitude 91 is not between -90 and 90 degrees"],
  ])("refuses a row with %o", async (change, column, reason) => {
    const [line] = await linesOf(`${HEADER}\n${row({ ...good, ...change })}\n`);
    expect(line).toEqual({ ok: false, error: { kind: "BadRow", row: 2, column, reason } });
  });
});
