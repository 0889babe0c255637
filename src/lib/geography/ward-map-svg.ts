import type { WardBoundary } from "~/lib/db/schema";
import { isInsideRings } from "~/lib/geography/point-in-ward";

export type ProjectedWard = { gssCode: string; name: string; path: string; labelPoint: { x: number; y: number } };
export type WardMap = { viewBox: string; width: number; height: number; wards: ProjectedWard[] };
export type WardMapOptions = {
  width: number;
  /** Space kept clear around the county, in pixels (default 4), so focus strokes are not clipped. */
  padding?: number;
  /** Douglas-Peucker tolerance in pixels (default 0.5); 0 keeps every vertex. */
  tolerance?: number;
};

type Point = [number, number];

const SCANLINES = 24;

/**
 * Projects ward boundaries to SVG path data for a map drawn on the server, fitted to `width` with
 * the county's aspect kept.
 *
 * Projection: equirectangular, longitude scaled by the cosine of the latitude midway across the
 * wards, y flipped. Good enough at county scale: Herefordshire spans 0.57° of latitude, so the
 * east-west scale is within 0.7% of true everywhere; it would not do for a whole country.
 *
 * Each ring is simplified on its own with Douglas-Peucker (Douglas and Peucker 1973, Cartographica
 * 10(2):112-122) at `tolerance` pixels, then rounded to 0.1 px. A border two wards share is therefore
 * simplified twice and may differ by up to the tolerance: a sub-pixel sliver the stroke hides. A ring
 * that simplification would collapse is drawn unsimplified; one that rounding collapses is dropped.
 * Paths use one subpath per ring (MultiPolygon parts and holes alike), for fill-rule="evenodd".
 *
 * The label point is inside the ward: the midpoint, among interior spans on horizontal scanlines
 * across the largest part, farthest from any edge (a scanline approximation to the pole of
 * inaccessibility that polylabel finds).
 *
 * Throws a RangeError when there are no wards, when the wards have no extent, or when `width` leaves
 * no room inside the padding.
 */
export function projectWards(
  wards: readonly { gssCode: string; name: string; boundary: WardBoundary }[],
  options: WardMapOptions,
): WardMap {
  const { width, padding = 4, tolerance = 0.5 } = options;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ward of wards) {
    for (const ring of ringsOf(ward.boundary).flat()) {
      for (const [lon, lat] of ring) {
        minLon = Math.min(minLon, lon!);
        maxLon = Math.max(maxLon, lon!);
        minLat = Math.min(minLat, lat!);
        maxLat = Math.max(maxLat, lat!);
      }
    }
  }
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * xScale;
  const spanY = maxLat - minLat;
  if (!(spanX > 0 && spanY > 0)) throw new RangeError("projectWards needs wards that cover an area");
  if (!(width > 2 * padding)) throw new RangeError(`projectWards needs a width wider than twice the padding (${padding})`);

  const scale = (width - 2 * padding) / spanX;
  const height = round1(spanY * scale + 2 * padding);
  const project = ([lon, lat]: number[]): Point => [padding + (lon! - minLon) * xScale * scale, padding + (maxLat - lat!) * scale];

  return {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    wards: wards.map((ward) => {
      const parts = ringsOf(ward.boundary).map((rings) => rings.map((ring) => ring.map(project)));
      const path = parts.flat().map((ring) => ringPath(ring, tolerance)).join("");
      const [x, y] = labelPoint(parts);
      return { gssCode: ward.gssCode, name: ward.name, path, labelPoint: { x: round1(x), y: round1(y) } };
    }),
  };
}

const ringsOf = (boundary: WardBoundary): number[][][][] =>
  boundary.type === "Polygon" ? [boundary.coordinates] : boundary.coordinates;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One closed subpath: absolute moveto, then relative linetos, which keeps the numbers short. */
function ringPath(ring: Point[], tolerance: number): string {
  let tenths = toTenths(tolerance > 0 ? simplify(ring, tolerance) : ring);
  if (tenths.length < 3) tenths = toTenths(ring);
  if (tenths.length < 3) return "";
  const [first, ...rest] = tenths;
  let d = `M${number(first![0])}${separated(first![1])}l`;
  let previous = first!;
  rest.forEach((point, index) => {
    const dx = point[0] - previous[0];
    d += (index === 0 ? number(dx) : separated(dx)) + separated(point[1] - previous[1]);
    previous = point;
  });
  return d + "Z";
}

/** Integer tenths of a pixel, with repeated points and the closing copy of the first removed. */
function toTenths(ring: Point[]): Point[] {
  const out: Point[] = [];
  for (const [x, y] of ring) {
    const point: Point = [Math.round(x * 10), Math.round(y * 10)];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  const [first, last] = [out[0], out[out.length - 1]];
  if (out.length > 1 && first![0] === last![0] && first![1] === last![1]) out.pop();
  return out;
}

// A number of tenths as the shortest SVG number ("-.3", "12", "4.5").
const number = (tenths: number) => (tenths / 10).toString().replace(/^(-?)0\./, "$1.");
// The path grammar needs no separator before a minus sign.
const separated = (tenths: number) => (tenths < 0 ? "" : " ") + number(tenths);

/** Douglas-Peucker with an explicit stack, so long rings cannot overflow the call stack. */
function simplify(points: Point[], tolerance: number): Point[] {
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const limit = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let [farthest, farthestDistance] = [-1, limit];
    for (let i = first + 1; i < last; i++) {
      const distance = squaredDistanceToSegment(points[i]!, points[first]!, points[last]!);
      if (distance > farthestDistance) [farthest, farthestDistance] = [i, distance];
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([first, farthest], [farthest, last]);
  }
  return points.filter((_, i) => keep[i] === 1);
}

// A closed ring's first and last points coincide, so the first split is by distance from that point.
// Plain locals, not destructuring: this is the inner loop of both simplifying and labelling.
function squaredDistanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

function labelPoint(parts: Point[][][]): Point {
  const largest = parts.reduce((best, rings) => (Math.abs(area(rings[0]!)) > Math.abs(area(best[0]!)) ? rings : best));
  const ys = largest[0]!.map(([, y]) => y);
  const [top, bottom] = [Math.min(...ys), Math.max(...ys)];
  const spans: { middle: Point; halfWidth: number }[] = [];
  for (let line = 0; line < SCANLINES; line++) {
    const y = top + ((line + 0.5) * (bottom - top)) / SCANLINES;
    const crossings: number[] = [];
    for (const ring of largest) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i]!;
        const b = ring[j]!;
        if (a[1] > y !== b[1] > y) crossings.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const [left, right] = [crossings[k]!, crossings[k + 1]!];
      spans.push({ middle: [(left + right) / 2, y], halfWidth: (right - left) / 2 });
    }
  }
  // A span's ends lie on edges, so no middle is farther from an edge than its half-width: trying
  // the widest first lets the rest be skipped once none of them can win.
  spans.sort((a, b) => b.halfWidth - a.halfWidth);
  let [best, bestDistance]: [Point, number] = [largest[0]![0]!, -1];
  for (const { middle, halfWidth } of spans) {
    if (halfWidth <= bestDistance) break;
    const distance = distanceToEdges(middle, largest);
    if (distance > bestDistance && isInsideRings(middle[0], middle[1], largest)) [best, bestDistance] = [middle, distance];
  }
  return best;
}

function distanceToEdges(point: Point, rings: Point[][]): number {
  let nearest = Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) nearest = Math.min(nearest, squaredDistanceToSegment(point, ring[i - 1]!, ring[i]!));
  }
  return Math.sqrt(nearest);
}

function area(ring: Point[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return sum / 2;
}
