import { err, ok, type Result } from "~/lib/result";
import { findSelfIntersection } from "./ring-self-intersection";
import { parseWardBoundaries, type WardFeature, type WardFileProblem } from "./ward-boundaries";
import { detectWardProperties } from "./ward-file-properties";
import { readWardNamesCsv } from "./ward-names-csv";

/** A problem with one of the uploaded files, for the form field that chose it. */
export type UploadProblem = { field: "boundariesFile" | "namesFile"; message: string };
export type WardUpload = { wards: WardFeature[]; codeProperty: string; nameProperty: string; namesFromCsv: number };

// Beyond this many features with the same problem, one message covers them all: a wrong property
// name or projection otherwise fills the error summary with a line per ward.
const GROUP_AFTER = 3;

/**
 * Checks an administrator's upload of ward boundaries: a GeoJSON FeatureCollection in WGS84
 * longitude/latitude and, optionally, a CSV of ward codes and names whose names replace or fill in
 * the GeoJSON's. Builds on parseWardBoundaries (codes unique, every ward named, closed rings of four
 * or more positions, coordinates in degrees) and adds: JSON that does not parse, a `crs` member
 * naming a projected system, rings that cross themselves, and latitude written before longitude.
 * Every message names the file and the feature and says how to fix it.
 */
export async function readWardUpload(
  boundariesText: string,
  options: { codeProperty?: string; nameProperty?: string; namesCsv?: string | null },
): Promise<Result<WardUpload, UploadProblem[]>> {
  let json: unknown;
  try {
    json = JSON.parse(boundariesText.replace(/^\uFEFF/, ""));
  } catch {
    return err([boundaries("The ward boundaries file is not GeoJSON (it is not JSON text): choose the .geojson file of the area's wards, exported from your GIS as GeoJSON")]);
  }
  const crs = projectedCrs(json);
  if (crs !== null) {
    return err([boundaries(`The ward boundaries file is in the coordinate reference system ${crs}, not longitude and latitude: convert it to WGS84 (EPSG:4326), for example with “Export > Save Features As” in QGIS, and upload it again`)]);
  }
  const properties = detectWardProperties(json, options);

  let namesFromCsv = 0;
  let csvRows = new Map<string, number>();
  if (options.namesCsv != null) {
    const names = await readWardNamesCsv(options.namesCsv);
    if (!names.ok) return err(names.error.map((message) => ({ field: "namesFile", message })));
    csvRows = new Map([...names.value].map(([code, { row }]) => [code, row]));
    json = withNames(json, properties, (code) => {
      const entry = names.value.get(code);
      if (entry) namesFromCsv += 1;
      return entry?.name;
    });
  }

  const parsed = parseWardBoundaries(json, properties);
  if (!parsed.ok) return err(explain(parsed.error, json, properties));

  const problems: UploadProblem[] = [];
  parsed.value.forEach((ward, index) => {
    const label = `Feature ${index + 1} (${ward.gssCode} ${ward.name})`;
    const rings = ward.boundary.type === "Polygon" ? ward.boundary.coordinates : ward.boundary.coordinates.flat();
    const crossing = rings.map(findSelfIntersection).find((point) => point !== null);
    if (crossing) {
      problems.push(boundaries(`${label} has a boundary that crosses itself near longitude ${crossing[0].toFixed(4)}, latitude ${crossing[1].toFixed(4)}: repair it in your GIS (for example with “Fix geometries” in QGIS) and upload the file again`));
    }
    if (rings.flat().every(([x, y]) => x! >= 49 && x! <= 61 && y! >= -9 && y! <= 2.5)) {
      problems.push(boundaries(`${label} has its positions as latitude, longitude: GeoJSON puts longitude first, so export the file again as GeoJSON in EPSG:4326`));
    }
  });
  const wardCodes = new Set(parsed.value.map((ward) => ward.gssCode));
  for (const [code, row] of csvRows) {
    if (!wardCodes.has(code)) problems.push({ field: "namesFile", message: `Row ${row} of the ward names file is for ward ${code}, which is not in the ward boundaries file: delete the row or add the ward's boundary` });
  }
  if (problems.length > 0) return err(problems);
  return ok({ wards: parsed.value, ...properties, namesFromCsv });
}

const boundaries = (message: string): UploadProblem => ({ field: "boundariesFile", message });

/** The name of a `crs` member that is not WGS84 longitude/latitude (RFC 7946 drops `crs`; old exports keep it). */
function projectedCrs(json: unknown): string | null {
  const name = isObject(json) && isObject(json.crs) && isObject(json.crs.properties) ? json.crs.properties.name : undefined;
  if (typeof name !== "string" || /CRS84$|(^|[:/])4326$/i.test(name.trim())) return null;
  return /(^|[:/])27700$/.test(name.trim()) ? `${name} (British National Grid)` : name;
}

/** A copy of the collection with each feature's name taken from the CSV where it has one. */
function withNames(json: unknown, properties: { codeProperty: string; nameProperty: string }, nameFor: (code: string) => string | undefined): unknown {
  if (!isObject(json) || !Array.isArray(json.features)) return json;
  const features = json.features.map((feature: unknown) => {
    if (!isObject(feature)) return feature;
    const props = isObject(feature.properties) ? feature.properties : {};
    const code = props[properties.codeProperty];
    const name = typeof code === "string" ? nameFor(code.trim()) : undefined;
    return name === undefined ? feature : { ...feature, properties: { ...props, [properties.nameProperty]: name } };
  });
  return { ...json, features };
}

// How to fix each of parseWardBoundaries' reasons; its messages say what is wrong, not what to do.
const FIXES: [RegExp, string][] = [
  [/^has no ward code in/, "; say which property holds the ward code, or add the code to the feature"],
  [/^has no ward name in/, "; say which property holds the ward name, add the name, or upload a CSV file of ward codes and names"],
  [/^repeats ward code/, "; give each ward its own code, or join the ward's parts into one MultiPolygon feature"],
  [/not closed/, "; make each ring end with the position it starts with (“Fix geometries” in QGIS does this)"],
  [/fewer than four positions/, "; give each ring at least four [longitude, latitude] positions, the last repeating the first"],
  [/^has (an empty|no) geometry/, "; add the ward's boundary, or remove the feature"],
  [/geometry; a ward must be/, "; export the wards as polygons"],
  [/^is not a GeoJSON Feature/, '; each entry in "features" needs "type": "Feature", "properties" and "geometry"'],
];

function explain(problems: WardFileProblem[], json: unknown, properties: { codeProperty: string; nameProperty: string }): UploadProblem[] {
  const messages: string[] = [];
  const byReason = new Map<string, number[]>();
  for (const problem of problems) {
    if (problem.feature === null) messages.push(fileReason(problem.reason));
    else byReason.set(problem.reason, [...(byReason.get(problem.reason) ?? []), problem.feature]);
  }
  const featureCount = isObject(json) && Array.isArray(json.features) ? json.features.length : 0;
  for (const [reason, features] of byReason) {
    if (/outside longitude\/latitude/.test(reason)) {
      messages.push(`The ward boundaries file has coordinates that are not longitude and latitude (${listed(features, featureCount)}); they look like British National Grid metres: convert the file to WGS84 (EPSG:4326), for example with “Export > Save Features As” in QGIS, and upload it again`);
      continue;
    }
    const fixed = reason + (FIXES.find(([pattern]) => pattern.test(reason))?.[1] ?? "");
    if (features.length > GROUP_AFTER) messages.push(`${capitalise(listed(features, featureCount))}: each ${fixed}`);
    else for (const feature of features) messages.push(`${describeFeature(json, feature, properties)} ${fixed}`);
  }
  return messages.map(boundaries);
}

function fileReason(reason: string): string {
  if (/no wards/.test(reason)) return "The ward boundaries file has no wards in it: choose the file with the area's ward boundaries";
  return "The ward boundaries file is not a GeoJSON FeatureCollection: export the area's wards from your GIS as GeoJSON and upload that file";
}

function listed(features: number[], total: number): string {
  if (features.length === total && total > 1) return `all ${total} features`;
  if (features.length <= GROUP_AFTER) return `features ${features.join(", ")}`;
  return `features ${features.slice(0, GROUP_AFTER).join(", ")} and ${features.length - GROUP_AFTER} more`;
}

/** "Feature 3 (E05009438 Arrow)", with whatever code and name the feature has, to find it in a GIS. */
function describeFeature(json: unknown, number: number, properties: { codeProperty: string; nameProperty: string }): string {
  const feature = isObject(json) && Array.isArray(json.features) ? json.features[number - 1] : undefined;
  const props = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
  const known = [props[properties.codeProperty], props[properties.nameProperty]].filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return known.length > 0 ? `Feature ${number} (${known.map((v) => v.trim()).join(" ")})` : `Feature ${number}`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const isObject = (value: unknown): value is Record<string, any> => typeof value === "object" && value !== null && !Array.isArray(value);
