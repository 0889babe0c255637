import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { WardBoundary } from "~/lib/db/schema";
import { isInsideRings, wardContaining } from "~/lib/geography/point-in-ward";
import { projectWards } from "~/lib/geography/ward-map-svg";

type Feature = { properties: { code: string; name: string }; geometry: WardBoundary };
const features: Feature[] = JSON.parse(readFileSync("db/reference/herefordshire/wards.geojson", "utf8")).features;
const herefordshire = features.map((f) => ({ gssCode: f.properties.code, name: f.properties.name, boundary: f.geometry }));
const map = projectWards(herefordshire, { width: 600 });

// Herefordshire's extent, read from the file rather than from the code under test.
const positions = features.flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2));
const [minLon, maxLon] = [Math.min(...positions.map((p) => p[0]!)), Math.max(...positions.map((p) => p[0]!))];
const [minLat, maxLat] = [Math.min(...positions.map((p) => p[1]!)), Math.max(...positions.map((p) => p[1]!))];

/** The rings of path data written with M, l and Z, in viewBox units. */
function ringsOf(path: string): number[][][] {
  const rings: number[][][] = [];
  let command = "";
  let numbers: number[] = [];
  for (const token of path.match(/[MlZ]|-?(?:\d+\.?\d*|\.\d+)/g) ?? []) {
    if (/[MlZ]/.test(token)) command = token;
    else numbers.push(Number(token));
    if (numbers.length < 2) continue;
    const [a, b] = numbers as [number, number];
    const ring = rings[rings.length - 1];
    if (command === "M") rings.push([[a, b]]);
    else if (ring) ring.push([ring[ring.length - 1]![0]! + a, ring[ring.length - 1]![1]! + b]);
    numbers = [];
  }
  return rings;
}

const square = (x: number, y: number, size = 1): number[][] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const ward = (boundary: WardBoundary) => ({ gssCode: "E05000001", name: "Test", boundary });

describe("projectWards for Herefordshire at 600 px", () => {
  it("draws every ward as closed rings", () => {
    expect(map.wards.map((w) => w.gssCode)).toEqual(herefordshire.map((w) => w.gssCode));
    for (const { path } of map.wards) {
      expect(path).toMatch(/^M[^Z]+Z(M[^Z]+Z)*$/);
      expect(ringsOf(path).every((ring) => ring.length >= 3)).toBe(true);
    }
  });

  it("keeps the county's shape: the viewBox has its aspect after the cos(latitude) scaling", () => {
    const aspect = ((maxLon - minLon) * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)) / (maxLat - minLat);
    expect(map.viewBox).toBe(`0 0 600 ${map.height}`);
    expect((600 - 8) / (map.height - 8)).toBeCloseTo(aspect, 3);
  });

  it("draws the county up to the padding and no further", () => {
    const points = map.wards.flatMap((w) => ringsOf(w.path).flat());
    expect(Math.min(...points.map((p) => p[0]!))).toBeCloseTo(4, 0);
    expect(Math.max(...points.map((p) => p[0]!))).toBeCloseTo(596, 0);
    expect(Math.max(...points.map((p) => p[1]!))).toBeCloseTo(map.height - 4, 0);
  });

  it("puts every label point inside its ward as drawn", () => {
    for (const { path, labelPoint } of map.wards) expect(isInsideRings(labelPoint.x, labelPoint.y, ringsOf(path))).toBe(true);
  });

  it("puts every label point, taken back to longitude and latitude, in its own ward", () => {
    const scale = (600 - 8) / ((maxLon - minLon) * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180));
    const wards = herefordshire.map((w) => ({ id: w.gssCode, boundary: w.boundary }));
    for (const { gssCode, labelPoint } of map.wards) {
      const longitude = minLon + (labelPoint.x - 4) / scale / Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
      const latitude = maxLat - (labelPoint.y - 4) / scale;
      expect(wardContaining({ longitude, latitude }, wards)).toBe(gssCode);
    }
  });

  it("writes under 45,000 bytes of path data, with simplification doing much of that", () => {
    // Measured when written: 39,852 bytes at the default 0.5 px, 65,727 with tolerance 0.
    const bytes = (m: typeof map) => m.wards.reduce((sum, w) => sum + w.path.length, 0);
    expect(bytes(map)).toBeLessThan(45_000);
    expect(bytes(projectWards(herefordshire, { width: 600, tolerance: 0 }))).toBeGreaterThan(bytes(map) * 1.4);
  });

  it("writes numbers with at most one decimal place", () => {
    expect(map.wards.every((w) => (w.path.match(/\d*\.\d+/g) ?? []).every((n) => /^\d*\.\d$/.test(n)))).toBe(true);
  });
});

describe("projectWards for synthetic wards", () => {
  // Centred on the equator, where cos(latitude) is 1, so the expected paths are easy to check.
  it("draws a hole as a second subpath of the same path", () => {
    const [projected] = projectWards([ward({ type: "Polygon", coordinates: [square(0, -5, 10), square(4, -1, 2)] })], { width: 108 }).wards;
    expect(projected!.path).toBe("M4 104l100 0 0-100-100 0ZM44 64l20 0 0-20-20 0Z");
  });

  it("draws MultiPolygon parts in one path, and labels the largest part", () => {
    const parts: WardBoundary = { type: "MultiPolygon", coordinates: [[square(0, 0)], [square(3, 0, 2)]] };
    const [projected] = projectWards([ward(parts)], { width: 58, padding: 4 }).wards;
    expect(ringsOf(projected!.path)).toHaveLength(2);
    expect(projected!.labelPoint.x).toBeGreaterThan(34);
  });

  it("drops points that rounding to 0.1 px makes repeats", () => {
    const ring = [[0, -0.5], [1, -0.5], [1.0001, -0.5], [1, 0.5], [0, 0.5], [0, -0.5]];
    const [projected] = projectWards([ward({ type: "Polygon", coordinates: [ring] })], { width: 12, padding: 1, tolerance: 0 }).wards;
    expect(projected!.path).toBe("M1 11l10 0 0-10-10 0Z");
  });

  it("labels a C-shaped ward inside it, where its centroid is not", () => {
    const c = [[0, 0], [10, 0], [10, 2], [2, 2], [2, 8], [10, 8], [10, 10], [0, 10], [0, 0]];
    const [projected] = projectWards([ward({ type: "Polygon", coordinates: [c] })], { width: 108 }).wards;
    expect(isInsideRings(projected!.labelPoint.x, projected!.labelPoint.y, ringsOf(projected!.path))).toBe(true);
  });

  it("refuses no wards and a width that leaves no room inside the padding", () => {
    expect(() => projectWards([], { width: 600 })).toThrow(RangeError);
    expect(() => projectWards([ward({ type: "Polygon", coordinates: [square(0, 0)] })], { width: 8 })).toThrow(RangeError);
  });
});
