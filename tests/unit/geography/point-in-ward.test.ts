import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WardBoundary } from "~/lib/db/schema";
import { wardContaining } from "~/lib/geography/point-in-ward";

type Feature = { properties: { code: string; name: string }; geometry: WardBoundary };
const features: Feature[] = JSON.parse(readFileSync("db/reference/herefordshire/wards.geojson", "utf8")).features;
const herefordshire = features.map((f) => ({ id: f.properties.code, boundary: f.geometry }));

const square = (x: number, y: number, size = 1): number[][] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const polygon = (...rings: number[][][]): WardBoundary => ({ type: "Polygon", coordinates: rings });
const at = (longitude: number, latitude: number) => ({ longitude, latitude });

describe("wardContaining in Herefordshire", () => {
  // Each point was found by a grid search in Python, with its own ray-casting code, for the grid
  // point farthest from the ward's border; the distance to the border is given.
  it.each([
    ["Arrow", "E05009438", -2.9369, 52.2215], // 3.7 km from the border
    ["Kington", "E05009464", -3.0577, 52.1913], // 2.6 km
    ["Golden Valley South", "E05009455", -2.9491, 51.98], // 5.4 km
    ["Ledbury North", "E05009465", -2.4301, 52.0592], // 1.4 km
    ["Mortimer", "E05009473", -2.8696, 52.326], // 5.0 km
    ["Tupsley", "E05009486", -2.6817, 52.0508], // 400 m
  ])("places a point well inside %s in %s", (_name, code, longitude, latitude) => {
    expect(wardContaining(at(longitude, latitude), herefordshire)).toBe(code);
  });

  it("places Hereford Cathedral in Central ward", () => {
    expect(wardContaining(at(-2.7157, 52.0543), herefordshire)).toBe("E05009449");
  });

  it("gives the same ward whatever order the wards come in", () => {
    expect(wardContaining(at(-2.9369, 52.2215), [...herefordshire].reverse())).toBe("E05009438");
  });

  it("finds no ward for a point outside the county (Birmingham)", () => {
    expect(wardContaining(at(-1.89, 52.48), herefordshire)).toBeNull();
  });

  it("finds no ward for a point inside the county's box but outside the county", () => {
    // Herefordshire's box runs to -3.142, 52.396; its north-west corner is Powys.
    expect(wardContaining(at(-3.1, 52.38), herefordshire)).toBeNull();
  });

  it("finds no ward for coordinates that are not numbers", () => {
    expect(wardContaining(at(Number.NaN, 52.2), herefordshire)).toBeNull();
  });
});

describe("wardContaining with holes and parts", () => {
  const doughnut = [{ id: "doughnut", boundary: polygon(square(0, 0, 10), square(4, 4, 2)) }];

  it("finds a point in the ring of a polygon with a hole", () => {
    expect(wardContaining(at(2, 2), doughnut)).toBe("doughnut");
  });

  it("finds no ward for a point in the hole", () => {
    expect(wardContaining(at(5, 5), doughnut)).toBeNull();
  });

  it("gives a point in the hole to the ward that fills it", () => {
    expect(wardContaining(at(5, 5), [...doughnut, { id: "filling", boundary: polygon(square(4, 4, 2)) }])).toBe("filling");
  });

  it("finds a point in any part of a MultiPolygon", () => {
    const islands: WardBoundary = { type: "MultiPolygon", coordinates: [[square(0, 0)], [square(20, 0, 2), square(20.5, 0.5)]] };
    const wards = [{ id: "islands", boundary: islands }];
    expect(wardContaining(at(0.5, 0.5), wards)).toBe("islands");
    expect(wardContaining(at(21.8, 1.8), wards)).toBe("islands");
    expect(wardContaining(at(21, 1), wards)).toBeNull();
    expect(wardContaining(at(10, 0.5), wards)).toBeNull();
  });
});

describe("wardContaining on a shared border", () => {
  // A 2x2 block: south-west, south-east, north-west, north-east. The south-east square runs
  // clockwise, so the rule cannot depend on the direction an edge is walked.
  const block = [
    { id: "sw", boundary: polygon(square(0, 0)) },
    { id: "se", boundary: polygon(square(1, 0).reverse()) },
    { id: "nw", boundary: polygon(square(0, 1)) },
    { id: "ne", boundary: polygon(square(1, 1)) },
  ];
  const containing = (x: number, y: number) => block.filter((ward) => wardContaining(at(x, y), [ward]) !== null).map((w) => w.id);

  it("gives a point on a north-south border to the ward east of it, in either input order", () => {
    expect(containing(1, 0.5)).toEqual(["se"]);
    expect(wardContaining(at(1, 0.5), block)).toBe("se");
    expect(wardContaining(at(1, 0.5), [...block].reverse())).toBe("se");
  });

  it("gives a point on an east-west border to the ward north of it", () => {
    expect(containing(0.5, 1)).toEqual(["nw"]);
  });

  it("gives the corner the four wards share to the north-east one", () => {
    expect(containing(1, 1)).toEqual(["ne"]);
  });

  it("puts every point on a slanting shared border in exactly one of the two wards", () => {
    // (0.1, 0) to (0.7, 1) has no exact binary form, so points "on" it are off by rounding either way.
    const left = polygon([[0, 0], [0.1, 0], [0.7, 1], [0, 1], [0, 0]]);
    const right = polygon([[0.1, 0], [1, 0], [1, 1], [0.7, 1], [0.1, 0]]);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (t) => {
        const point = at(0.1 + t * 0.6, t);
        const count = [left, right].filter((boundary) => wardContaining(point, [{ id: 1, boundary }]) !== null).length;
        return count === 1 || (t === 1 && count === 0);
      }),
    );
  });

  it("puts every Herefordshire border point in at most one ward, and a shared border's midpoints in exactly one", () => {
    const rings = (ward: (typeof herefordshire)[number]) => (ward.boundary.type === "Polygon" ? [ward.boundary.coordinates] : ward.boundary.coordinates).flat();
    const edgeCount = new Map<string, number>();
    for (const ward of herefordshire) {
      for (const ring of rings(ward)) {
        for (let i = 1; i < ring.length; i++) {
          const key = [ring[i - 1]!.join(), ring[i]!.join()].sort().join(" ");
          edgeCount.set(key, (edgeCount.get(key) ?? 0) + 1);
        }
      }
    }
    const sharedEdges = [...edgeCount].filter(([, count]) => count === 2).map(([key]) => key.split(" ").map((p) => p.split(",").map(Number)));
    expect(sharedEdges.length).toBeGreaterThan(3000);
    const wardsAt = (x: number, y: number) => herefordshire.filter((ward) => wardContaining(at(x, y), [ward]) !== null).length;
    for (const [[ax, ay], [bx, by]] of sharedEdges as [number[], number[]][]) {
      expect(wardsAt(ax!, ay!)).toBeLessThanOrEqual(1);
      expect(wardsAt((ax! + bx!) / 2, (ay! + by!) / 2)).toBe(1);
    }
  });
});
