import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readWardUpload } from "~/lib/geography/read-ward-upload";
import { detectWardProperties } from "~/lib/geography/ward-file-properties";

const square = (x: number, y: number) => ({ type: "Polygon", coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
const feature = (properties: Record<string, unknown>, geometry: unknown = square(-2.7, 52)) => ({ type: "Feature", properties, geometry });
const file = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
const messages = (result: Awaited<ReturnType<typeof readWardUpload>>) => (result.ok ? [] : result.error.map((p) => `${p.field}: ${p.message}`));

describe("detectWardProperties", () => {
  it("uses code and name, else the newest ONS WDyyCD and WDyyNM, else what the administrator named", () => {
    expect(detectWardProperties({ features: [{ properties: { code: "E05000001", name: "A" } }] }, {})).toEqual({ codeProperty: "code", nameProperty: "name" });
    const ons = { features: [{ properties: { WD24CD: "x", WD25CD: "E05000001", WD25NM: "A", WD25NMW: "A", LAD25CD: "E06000019" } }] };
    expect(detectWardProperties(ons, {})).toEqual({ codeProperty: "WD25CD", nameProperty: "WD25NM" });
    expect(detectWardProperties(ons, { codeProperty: " WD24CD ", nameProperty: "" })).toEqual({ codeProperty: "WD24CD", nameProperty: "WD25NM" });
  });
});

describe("readWardUpload", () => {
  it("reads Herefordshire's 53 wards, with their names from the shipped CSV file", async () => {
    const geojson = readFileSync("db/reference/herefordshire/wards.geojson", "utf8");
    const csv = readFileSync("db/reference/herefordshire/wards.csv", "utf8");
    const result = await readWardUpload(geojson, { namesCsv: csv });
    expect(result.ok && { wards: result.value.wards.length, names: result.value.namesFromCsv }).toEqual({ wards: 53, names: 53 });
  });

  it("finds ONS property names by itself", async () => {
    const result = await readWardUpload(file(feature({ WD25CD: "E05000001", WD25NM: "Arrow" })), {});
    expect(result.ok && result.value).toMatchObject({ codeProperty: "WD25CD", nameProperty: "WD25NM", wards: [{ gssCode: "E05000001", name: "Arrow" }] });
  });

  it("refuses text that is not JSON, saying what to upload instead", async () => {
    expect(messages(await readWardUpload("code,name\nE05000001,Arrow\n", {}))).toEqual([
      "boundariesFile: The ward boundaries file is not GeoJSON (it is not JSON text): choose the .geojson file of the area's wards, exported from your GIS as GeoJSON",
    ]);
  });

  it("refuses a crs member naming British National Grid, and accepts one naming WGS84", async () => {
    const withCrs = (name: string) => JSON.stringify({ ...JSON.parse(file(feature({ code: "E05000001", name: "A" }))), crs: { type: "name", properties: { name } } });
    expect(messages(await readWardUpload(withCrs("urn:ogc:def:crs:EPSG::27700"), {}))[0]).toMatch(
      /coordinate reference system urn:ogc:def:crs:EPSG::27700 \(British National Grid\).*convert it to WGS84 \(EPSG:4326\)/,
    );
    expect((await readWardUpload(withCrs("urn:ogc:def:crs:OGC:1.3:CRS84"), {})).ok).toBe(true);
  });

  it("gives one message for a file in British National Grid metres", async () => {
    const bng = readFileSync("tests/fixtures/areas/british-national-grid-wards.geojson", "utf8");
    expect(messages(await readWardUpload(bng, {}))).toEqual([
      "boundariesFile: The ward boundaries file has coordinates that are not longitude and latitude (all 2 features); they look like British National Grid metres: convert the file to WGS84 (EPSG:4326), for example with “Export > Save Features As” in QGIS, and upload it again",
    ]);
  });

  it("names each feature with a problem, with its code and name, and says how to fix it", async () => {
    const bad = readFileSync("tests/fixtures/areas/bad-geometry-wards.geojson", "utf8");
    expect(messages(await readWardUpload(bad, {}))).toEqual([
      "boundariesFile: Feature 1 (E05999811 Empty) has an empty geometry; add the ward's boundary, or remove the feature",
      "boundariesFile: Feature 2 (E05999812 Too Short) has a ring with fewer than four positions or a position that is not [longitude, latitude]; give each ring at least four [longitude, latitude] positions, the last repeating the first",
    ]);
  });

  it("refuses a ward whose boundary crosses itself, saying where", async () => {
    const bowTie = { type: "Polygon", coordinates: [[[-1.5, 52], [-1.49, 52.01], [-1.49, 52], [-1.5, 52.01], [-1.5, 52]]] };
    expect(messages(await readWardUpload(file(feature({ code: "E05999813", name: "Bow Tie" }, bowTie)), {}))).toEqual([
      "boundariesFile: Feature 1 (E05999813 Bow Tie) has a boundary that crosses itself near longitude -1.4950, latitude 52.0050: repair it in your GIS (for example with “Fix geometries” in QGIS) and upload the file again",
    ]);
  });

  it("refuses positions written latitude first", async () => {
    const swapped = { type: "Polygon", coordinates: [[[52, -2.7], [52.01, -2.7], [52.01, -2.69], [52, -2.7]]] };
    expect(messages(await readWardUpload(file(feature({ code: "E05000001", name: "A" }, swapped)), {}))[0]).toMatch(/latitude, longitude: GeoJSON puts longitude first/);
  });

  it("covers many features with one message when they share a problem", async () => {
    const unnamed = Array.from({ length: 5 }, (_, i) => feature({ code: `E0500000${i}`, label: "A" }, square(-2.7 + i * 0.01, 52)));
    expect(messages(await readWardUpload(file(...unnamed), {}))).toEqual([
      'boundariesFile: All 5 features: each has no ward name in "name"; say which property holds the ward name, add the name, or upload a CSV file of ward codes and names',
    ]);
  });

  it("repeats parseWardBoundaries' check for repeated codes, with the fix", async () => {
    const broken = readFileSync("tests/fixtures/areas/broken-wards.geojson", "utf8");
    expect(messages(await readWardUpload(broken, {}))).toEqual([
      "boundariesFile: Feature 2 (E05999801 Two) repeats ward code E05999801, already used by feature 1; give each ward its own code, or join the ward's parts into one MultiPolygon feature",
    ]);
  });

  it("fills in and replaces names from the CSV file, and names its rows with problems", async () => {
    const geojson = file(feature({ code: "E05000001" }), feature({ code: "E05000002", name: "Old" }, square(-2.69, 52)));
    const filled = await readWardUpload(geojson, { namesCsv: "ward code,ward name\nE05000001,Arrow\nE05000002,New\n" });
    expect(filled.ok && filled.value.wards.map((w) => w.name)).toEqual(["Arrow", "New"]);

    expect(messages(await readWardUpload(geojson, { namesCsv: "code,name\nE05000001,Arrow\n,Nowhere\nE05000001,Again\n" }))).toEqual([
      "namesFile: Row 3 of the ward names file has no ward code: enter a GSS code such as E05009438",
      "namesFile: Row 4 of the ward names file repeats ward E05000001, already on row 2: delete one of the rows",
    ]);
    expect(messages(await readWardUpload(geojson, { namesCsv: "code,name\nE05000001,Arrow\nE05000002,New\nE05000003,Extra\n" }))).toEqual([
      "namesFile: Row 4 of the ward names file is for ward E05000003, which is not in the ward boundaries file: delete the row or add the ward's boundary",
    ]);
    expect(messages(await readWardUpload(geojson, { namesCsv: "ward,label\nE05000001,Arrow\n" }))).toEqual([
      'namesFile: The ward names file has no column of ward codes: head it "code" (or an ONS heading such as WD25CD)',
      'namesFile: The ward names file has no column of ward names: head it "name" (or an ONS heading such as WD25NM)',
    ]);
  });
});
