import type { WardBoundary } from "~/lib/db/schema";

export type LonLat = { longitude: number; latitude: number };

type Ring = number[][];
type Part = { minX: number; minY: number; maxX: number; maxY: number; rings: Ring[] };

// Wards usually come from one load of the reference data and are asked about many points (an import
// batch), so each boundary's part boxes are worked out once. Keyed weakly: a boundary read afresh
// per request costs one extra pass, which is about what the prefilter saves.
const partsByBoundary = new WeakMap<WardBoundary, Part[]>();

/**
 * Finds the ward a point lies in by ray casting: the even-odd crossing test of W. Randolph Franklin's
 * PNPOLY, counted over every ring of a polygon, so a hole needs no special case and a MultiPolygon is
 * inside when any part is. Each part's bounding box is checked first.
 *
 * Boundary rule (half-open): a point exactly on a border belongs to the ward you reach by nudging it
 * an infinitesimal step east; on an east-west border (or a vertex where one starts), a further
 * infinitesimal step north decides. Each edge's crossing is computed from its endpoints in a fixed
 * order (lower end first), so two wards that share a border with identical vertices (as ONS
 * boundaries simplified with mapshaper's topology do) give bit-identical answers for it: a point on a
 * shared border or corner is in exactly one ward, whatever order the wards are given in. Where wards
 * overlap (a broken file) the first in input order wins.
 *
 * Returns null for a point outside every ward, including a NaN coordinate. Never throws.
 */
export function wardContaining<Id>(point: LonLat, wards: readonly { id: Id; boundary: WardBoundary }[]): Id | null {
  const { longitude: x, latitude: y } = point;
  for (const ward of wards) {
    for (const part of partsOf(ward.boundary)) {
      // Inclusive, so the box never rules out a point the half-open rule would count as inside.
      if (x < part.minX || x > part.maxX || y < part.minY || y > part.maxY) continue;
      if (isInsideRings(x, y, part.rings)) return ward.id;
    }
  }
  return null;
}

/** Even-odd over all the rings given, so it also answers for SVG's fill-rule="evenodd". */
export function isInsideRings(x: number, y: number, rings: readonly Ring[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      const ay = a[1]!;
      const by = b[1]!;
      if (ay > y === by > y) continue;
      const [lo, hi] = ay < by ? [a, b] : [b, a];
      // x < the edge's x at this y, without dividing: hi[1] - lo[1] > 0.
      if ((x - lo[0]!) * (hi[1]! - lo[1]!) < (y - lo[1]!) * (hi[0]! - lo[0]!)) inside = !inside;
    }
  }
  return inside;
}

function partsOf(boundary: WardBoundary): Part[] {
  const cached = partsByBoundary.get(boundary);
  if (cached) return cached;
  const polygons = boundary.type === "Polygon" ? [boundary.coordinates] : boundary.coordinates;
  const parts = polygons.map((rings) => {
    const part: Part = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity, rings };
    // The outer ring bounds its holes, but a malformed file may not, so every ring counts.
    for (const ring of rings) {
      for (const [px, py] of ring) {
        part.minX = Math.min(part.minX, px!);
        part.maxX = Math.max(part.maxX, px!);
        part.minY = Math.min(part.minY, py!);
        part.maxY = Math.max(part.maxY, py!);
      }
    }
    return part;
  });
  partsByBoundary.set(boundary, parts);
  return parts;
}
