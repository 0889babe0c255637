import type { WardBoundary } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

export type WardFeature = { gssCode: string; name: string; boundary: WardBoundary };
export type WardFileProblem = { feature: number | null; reason: string };

type Position = number[];

/**
 * Reads a GeoJSON FeatureCollection of ward boundaries. Every problem is collected, naming the
 * feature (1-based) and what to fix, so an administrator can correct the file in one pass.
 */
export function parseWardBoundaries(
  json: unknown,
  properties: { codeProperty: string; nameProperty: string },
): Result<WardFeature[], WardFileProblem[]> {
  if (!isObject(json) || json.type !== "FeatureCollection" || !Array.isArray(json.features)) {
    return err([{ feature: null, reason: "The file is not a GeoJSON FeatureCollection" }]);
  }
  if (json.features.length === 0) return err([{ feature: null, reason: "The file has no wards in it" }]);

  const problems: WardFileProblem[] = [];
  const wards: WardFeature[] = [];
  const seenCodes = new Map<string, number>();
  json.features.forEach((feature: unknown, index: number) => {
    const number = index + 1;
    const problem = (reason: string) => problems.push({ feature: number, reason });
    if (!isObject(feature) || feature.type !== "Feature") return problem("is not a GeoJSON Feature");
    const props = isObject(feature.properties) ? feature.properties : {};
    const code = typeof props[properties.codeProperty] === "string" ? (props[properties.codeProperty] as string).trim() : "";
    const name = typeof props[properties.nameProperty] === "string" ? (props[properties.nameProperty] as string).trim() : "";
    if (!/^[EWSN][0-9]{8}$/.test(code)) problem(`has no ward code in "${properties.codeProperty}" (expected a GSS code such as E05009438)`);
    if (name === "") problem(`has no ward name in "${properties.nameProperty}"`);
    if (code !== "") {
      const first = seenCodes.get(code);
      if (first !== undefined) problem(`repeats ward code ${code}, already used by feature ${first}`);
      else seenCodes.set(code, number);
    }
    const geometryProblem = checkGeometry(feature.geometry);
    if (geometryProblem) problem(geometryProblem);
    else if (code !== "" && name !== "") wards.push({ gssCode: code, name, boundary: feature.geometry as WardBoundary });
  });
  return problems.length > 0 ? err(problems) : ok(wards);
}

function checkGeometry(geometry: unknown): string | null {
  if (!isObject(geometry)) return "has no geometry";
  const polygons: unknown[] =
    geometry.type === "Polygon" ? [geometry.coordinates]
    : geometry.type === "MultiPolygon" && Array.isArray(geometry.coordinates) ? geometry.coordinates
    : [];
  if (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") {
    return `has a ${String(geometry.type)} geometry; a ward must be a Polygon or MultiPolygon`;
  }
  if (polygons.length === 0) return "has an empty geometry";
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return "has an empty geometry";
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPosition)) {
        return "has a ring with fewer than four positions or a position that is not [longitude, latitude]";
      }
      const positions = ring as Position[];
      if (positions.some(([x, y]) => Math.abs(x!) > 180 || Math.abs(y!) > 90)) {
        return "has coordinates outside longitude/latitude; they look projected (British National Grid metres?). Convert the file to WGS84 (EPSG:4326)";
      }
      const first = positions[0]!;
      const last = positions[positions.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) return "has a ring that is not closed (its first and last positions differ)";
    }
  }
  return null;
}

const isObject = (value: unknown): value is Record<string, any> => typeof value === "object" && value !== null && !Array.isArray(value);
const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === "number" && Number.isFinite(n));
