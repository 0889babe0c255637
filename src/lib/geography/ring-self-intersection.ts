type Point = readonly number[];

/**
 * Finds where a closed ring crosses or touches itself, or returns null. Such a ring is not a
 * simple polygon (OGC Simple Features, ISO 19125-1 §6.1.11.1), and point-in-ward tests give
 * wrong answers inside its loops.
 *
 * Method: the ring's segments go into a uniform grid of about √n × √n cells over its bounding box,
 * and only segments sharing a cell are compared, so a generalised ward of a few hundred positions
 * costs a few thousand comparisons rather than n²/2. Neighbouring segments (which share an end by
 * construction) are skipped; any other contact, a crossing or a touch, counts. Repeated
 * consecutive positions are dropped first. Only a ring against itself: holes crossing their outer
 * ring, or parts of a MultiPolygon overlapping, are not looked for.
 *
 * Returns the contact point, as [longitude, latitude], so the message can say where to look.
 */
export function findSelfIntersection(ring: readonly Point[]): [number, number] | null {
  const points: Point[] = [];
  for (const point of ring) {
    const last = points[points.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) points.push(point);
  }
  const n = points.length - 1; // segments: the closing position repeats the first
  if (n < 4) return null; // a triangle cannot cross itself

  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    minX = Math.min(minX, x!);
    maxX = Math.max(maxX, x!);
    minY = Math.min(minY, y!);
    maxY = Math.max(maxY, y!);
  }
  const side = Math.max(1, Math.ceil(Math.sqrt(n)));
  const cellWidth = (maxX - minX) / side || 1;
  const cellHeight = (maxY - minY) / side || 1;
  const cellOf = (value: number, min: number, size: number) => Math.min(side - 1, Math.floor((value - min) / size));

  const cells = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    const [x0, x1] = [cellOf(Math.min(a[0]!, b[0]!), minX, cellWidth), cellOf(Math.max(a[0]!, b[0]!), minX, cellWidth)];
    const [y0, y1] = [cellOf(Math.min(a[1]!, b[1]!), minY, cellHeight), cellOf(Math.max(a[1]!, b[1]!), minY, cellHeight)];
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const key = cx * side + cy;
        const members = cells.get(key);
        if (members) members.push(i);
        else cells.set(key, [i]);
      }
    }
  }

  for (const members of cells.values()) {
    for (let p = 0; p < members.length; p++) {
      for (let q = p + 1; q < members.length; q++) {
        const [i, j] = [Math.min(members[p]!, members[q]!), Math.max(members[p]!, members[q]!)];
        if (j === i + 1 || (i === 0 && j === n - 1)) continue;
        const contact = segmentContact(points[i]!, points[i + 1]!, points[j]!, points[j + 1]!);
        if (contact) return contact;
      }
    }
  }
  return null;
}

const orientation = (a: Point, b: Point, c: Point) => Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));

// c lies on segment a-b, given that the three are collinear.
const isWithin = (a: Point, b: Point, c: Point) =>
  Math.min(a[0]!, b[0]!) <= c[0]! && c[0]! <= Math.max(a[0]!, b[0]!) && Math.min(a[1]!, b[1]!) <= c[1]! && c[1]! <= Math.max(a[1]!, b[1]!);

/** Where segments a-b and c-d meet (crossing, touching or overlapping), or null. */
function segmentContact(a: Point, b: Point, c: Point, d: Point): [number, number] | null {
  const [o1, o2, o3, o4] = [orientation(a, b, c), orientation(a, b, d), orientation(c, d, a), orientation(c, d, b)];
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    const denominator = (b[0]! - a[0]!) * (d[1]! - c[1]!) - (b[1]! - a[1]!) * (d[0]! - c[0]!);
    const t = ((c[0]! - a[0]!) * (d[1]! - c[1]!) - (c[1]! - a[1]!) * (d[0]! - c[0]!)) / denominator;
    return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
  }
  if (o1 === 0 && isWithin(a, b, c)) return [c[0]!, c[1]!];
  if (o2 === 0 && isWithin(a, b, d)) return [d[0]!, d[1]!];
  if (o3 === 0 && isWithin(c, d, a)) return [a[0]!, a[1]!];
  if (o4 === 0 && isWithin(c, d, b)) return [b[0]!, b[1]!];
  return null;
}
