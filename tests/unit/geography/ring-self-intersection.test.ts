import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findSelfIntersection } from "~/lib/geography/ring-self-intersection";

const square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];

describe("findSelfIntersection", () => {
  it("finds nothing in a simple square, or in one with a repeated position", () => {
    expect(findSelfIntersection(square)).toBeNull();
    expect(findSelfIntersection([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBeNull();
  });

  it("finds where a bow tie crosses itself", () => {
    expect(findSelfIntersection([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toEqual([0.5, 0.5]);
  });

  it("finds a ring that touches itself at a position (a pinch)", () => {
    const pinched = [[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]];
    expect(findSelfIntersection(pinched)).toEqual([1, 1]);
  });

  it("finds a spike that folds back along an edge that is not its neighbour", () => {
    const folded = [[0, 0], [4, 0], [4, 4], [2, 4], [2, 0.0], [1, 4], [0, 4], [0, 0]];
    expect(findSelfIntersection(folded)).not.toBeNull();
  });

  it("finds no crossing in any ring of Herefordshire's 53 shipped wards", () => {
    const json = JSON.parse(readFileSync("db/reference/herefordshire/wards.geojson", "utf8"));
    const rings = json.features.flatMap((f: any) => (f.geometry.type === "Polygon" ? f.geometry.coordinates : f.geometry.coordinates.flat()));
    expect(rings.filter((ring: number[][]) => findSelfIntersection(ring) !== null)).toEqual([]);
  });

  it("finds a crossing between edges far apart along a long ring", () => {
    // A 20,000-position circle, then the same with a spike from the top out through the bottom.
    const circle = Array.from({ length: 20_000 }, (_, i) => [Math.cos((i / 20_000) * 2 * Math.PI), Math.sin((i / 20_000) * 2 * Math.PI)]);
    expect(findSelfIntersection([...circle, circle[0]!])).toBeNull();
    const spiked = [...circle.slice(0, 5_000), [0.01, -1.5], ...circle.slice(5_000), circle[0]!];
    const [x, y] = findSelfIntersection(spiked)!;
    expect(y).toBeCloseTo(-1, 3);
    expect(Math.abs(x)).toBeLessThan(0.02);
  });
});
