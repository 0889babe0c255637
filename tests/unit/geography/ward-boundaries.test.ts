import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseWardBoundaries } from "~/lib/geography/ward-boundaries";

const props = { codeProperty: "code", nameProperty: "name" };
const ring = [[-2.7, 52.0], [-2.69, 52.0], [-2.69, 52.01], [-2.7, 52.0]];
const feature = (code: string, name: string, geometry: unknown = { type: "Polygon", coordinates: [ring] }) => ({
  type: "Feature",
  properties: { code, name },
  geometry,
});
const collection = (...features: unknown[]) => ({ type: "FeatureCollection", features });

describe("parseWardBoundaries", () => {
  it("reads Herefordshire's shipped file as 53 named wards", () => {
    const json = JSON.parse(readFileSync("db/reference/herefordshire/wards.geojson", "utf8"));
    const result = parseWardBoundaries(json, props);
    expect(result.ok && result.value.length).toBe(53);
  });

  it("refuses something that is not a FeatureCollection", () => {
    expect(parseWardBoundaries({ type: "Feature" }, props)).toEqual({ ok: false, error: [{ feature: null, reason: "The file is not a GeoJSON FeatureCollection" }] });
    expect(parseWardBoundaries("wards", props).ok).toBe(false);
  });

  it("names the feature that repeats a ward code", () => {
    const result = parseWardBoundaries(collection(feature("E05000001", "A"), feature("E05000001", "B")), props);
    expect(result).toEqual({ ok: false, error: [{ feature: 2, reason: "repeats ward code E05000001, already used by feature 1" }] });
  });

  it("names features without a code or a name", () => {
    const result = parseWardBoundaries(collection(feature("", "A"), feature("E05000002", " ")), props);
    expect(!result.ok && result.error.map((p) => p.feature)).toEqual([1, 2]);
    expect(!result.ok && result.error[1]?.reason).toBe('has no ward name in "name"');
  });

  it("explains projected British National Grid coordinates", () => {
    const bng = [[350000, 240000], [351000, 240000], [351000, 241000], [350000, 240000]];
    const result = parseWardBoundaries(collection(feature("E05000001", "A", { type: "Polygon", coordinates: [bng] })), props);
    expect(!result.ok && result.error[0]?.reason).toMatch(/British National Grid.*WGS84/);
  });

  it("refuses empty, open and non-polygon geometries", () => {
    const open = [[-2.7, 52.0], [-2.69, 52.0], [-2.69, 52.01], [-2.7, 52.01]];
    const result = parseWardBoundaries(
      collection(
        feature("E05000001", "A", { type: "Polygon", coordinates: [] }),
        feature("E05000002", "B", { type: "Polygon", coordinates: [open] }),
        feature("E05000003", "C", { type: "Point", coordinates: [-2.7, 52] }),
        feature("E05000004", "D", null),
      ),
      props,
    );
    expect(!result.ok && result.error.map((p) => p.reason)).toEqual([
      "has an empty geometry",
      "has a ring that is not closed (its first and last positions differ)",
      "has a Point geometry; a ward must be a Polygon or MultiPolygon",
      "has no geometry",
    ]);
  });

  it("refuses a file with no wards", () => {
    expect(parseWardBoundaries(collection(), props).ok).toBe(false);
  });
});
