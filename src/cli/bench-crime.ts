import { readFile } from "node:fs/promises";
import { STREET_CRIME_COLUMNS } from "~/lib/crime/read-street-crime-rows";
import { tallyStreetCrime } from "~/lib/crime/tally-street-crime";
import { readDelimitedRecords } from "~/lib/csv/read-delimited-records";
import { mulberry32 } from "~/lib/demo/pseudo-random";
import { readAreaConfig } from "~/lib/geography/area-config";
import { isInsideRings, wardContaining } from "~/lib/geography/point-in-ward";
import { parseWardBoundaries } from "~/lib/geography/ward-boundaries";
import { buildWardLocator } from "~/lib/geography/ward-locator";

const POINTS = 500_000;
const SEED = 20261125;

/**
 * Placing recorded crime in wards: 500,000 seeded random points in the area's bounding box (so
 * some fall outside every ward, as a force's file does), placed three ways in the same run:
 *  - brute force, the baseline: every point tested against every ward's polygons in turn;
 *  - wardContaining, which checks each polygon's bounding box first;
 *  - the grid index of ward-locator.ts, which imports use.
 * All three must agree on every point. Rates are points per second of placing alone.
 *
 * Then the same points as a street-level CSV read end to end (parse, check each row, place,
 * count), beside the baseline of splitting the same bytes into records alone, to show where an
 * upload's time goes.
 */
export async function benchCrimePlacement(log: (line: string) => void): Promise<void> {
  const area = await readAreaConfig(process.env.AREA_CONFIG || "db/reference/herefordshire/area.json");
  const parsed = parseWardBoundaries(JSON.parse(await readFile(area.boundariesPath, "utf8")), area.wards);
  if (!parsed.ok) throw new Error(`The area's ward boundaries cannot be read: ${parsed.error.map((p) => p.reason).join("; ")}`);
  const wards = parsed.value.map((ward, index) => ({ id: index, boundary: ward.boundary }));
  const polygons = wards.map((ward) => (ward.boundary.type === "Polygon" ? [ward.boundary.coordinates] : ward.boundary.coordinates));

  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of polygons.flat(2)) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x!); maxX = Math.max(maxX, x!);
      minY = Math.min(minY, y!); maxY = Math.max(maxY, y!);
    }
  }
  const random = mulberry32(SEED);
  const xs = new Float64Array(POINTS);
  const ys = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    xs[i] = minX + random() * (maxX - minX);
    ys[i] = minY + random() * (maxY - minY);
  }

  const time = (place: (x: number, y: number) => number | null): { wards: Int32Array; seconds: number } => {
    const found = new Int32Array(POINTS);
    const started = performance.now();
    for (let i = 0; i < POINTS; i++) found[i] = place(xs[i]!, ys[i]!) ?? -1;
    return { wards: found, seconds: (performance.now() - started) / 1000 };
  };
  const bruteForce = time((x, y) => {
    for (let w = 0; w < polygons.length; w++) {
      for (const rings of polygons[w]!) if (isInsideRings(x, y, rings)) return w;
    }
    return null;
  });
  const prefiltered = time((x, y) => wardContaining({ longitude: x, latitude: y }, wards));
  const buildStarted = performance.now();
  const locator = buildWardLocator(wards);
  const buildMs = performance.now() - buildStarted;
  const indexed = time((x, y) => locator.locate(x, y));

  const disagreements = [prefiltered, indexed].map((run) => run.wards.filter((ward, i) => ward !== bruteForce.wards[i]).length);
  const placed = bruteForce.wards.filter((ward) => ward >= 0).length;
  const rate = (seconds: number) => Math.round(POINTS / seconds).toLocaleString("en-GB");
  const vertices = polygons.flat(2).reduce((sum, ring) => sum + ring.length, 0);
  log(`recorded crime placement: ${POINTS.toLocaleString("en-GB")} random points in the box of ${wards.length} ward polygons (${vertices.toLocaleString("en-GB")} vertices); ${placed.toLocaleString("en-GB")} fall in a ward`);
  log(`  baseline: brute force over every polygon: ${rate(bruteForce.seconds)} points/s`);
  log(`  bounding-box prefilter (wardContaining): ${rate(prefiltered.seconds)} points/s = ${(bruteForce.seconds / prefiltered.seconds).toFixed(1)}x baseline`);
  log(`  grid index (buildWardLocator, built in ${buildMs.toFixed(0)} ms): ${rate(indexed.seconds)} points/s = ${(bruteForce.seconds / indexed.seconds).toFixed(1)}x baseline`);
  if (disagreements.some((n) => n > 0)) {
    throw new Error(`The placements disagree with brute force: prefilter on ${disagreements[0]} points, grid index on ${disagreements[1]}`);
  }
  log("  all three agree on every point");

  const header = STREET_CRIME_COLUMNS.join(",");
  const lines = [header];
  for (let i = 0; i < POINTS; i++) {
    lines.push(`${"0".repeat(64)},2024-03,West Mercia Police,West Mercia Police,${xs[i]!.toFixed(6)},${ys[i]!.toFixed(6)},On or near a street,E01099901,Herefordshire 017A,Shoplifting,Under investigation,`);
  }
  const csv = Buffer.from(`${lines.join("\n")}\n`);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < csv.length; at += 64 * 1024) yield csv.subarray(at, at + 64 * 1024);
  }
  let started = performance.now();
  let records = 0;
  for await (const _record of readDelimitedRecords(chunks())) records += 1;
  const splitSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const tally = await tallyStreetCrime([{ name: "bench.csv", bytes: chunks() }], () => locator);
  const tallySeconds = (performance.now() - started) / 1000;
  if (!tally.ok || tally.value.rowsRead !== POINTS || records !== POINTS + 1) throw new Error("The street CSV was not read whole");
  log(`street CSV end to end, ${(csv.length / 1_000_000).toFixed(0)} MB: baseline: splitting into records alone: ${rate(splitSeconds)} rows/s`);
  log(`  reading, checking, placing and counting: ${rate(tallySeconds)} rows/s = ${(splitSeconds / tallySeconds).toFixed(2)}x baseline`);
}
