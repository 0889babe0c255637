import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WardBoundary } from "~/lib/db/schema";
import { wardContaining } from "~/lib/geography/point-in-ward";
import { buildWardLocator } from "~/lib/geography/ward-locator";

type Feature = { properties: { code: string; name: string }; geometry: WardBoundary };
const features: Feature[] = JSON.parse(readFileSync("db/reference/herefordshire/wards.geojson", "utf8")).features;
const herefordshire = features.map((f) => ({ id: f.properties.code, boundary: f.geometry }));
const locator = buildWardLocator(herefordshire);

const square = (x: number, y: number, size = 1): number[][] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
const polygon = (...rings: number[][][]): WardBoundary => ({ type: "Polygon", coordinates: rings });
const at = (longitude: number, latitude: number) => ({ longitude, latitude });

// The county's box, a little widened so that points outside it are tried too.
const BOX = { minX: -3.2, maxX: -2.3, minY: 51.8, maxY: 52.45 };

describe("buildWardLocator in Herefordshire", () => {
  it.each([
    ["Arrow", "E05009438", -2.9369, 52.2215],
    ["Tupsley", "E05009486", -2.6817, 52.0508],
    ["Central (Hereford Cathedral)", "E05009449", -2.7157, 52.0543],
  ])("places a point in %s", (_name, code, longitude, latitude) => {
    expect(locator.locate(longitude, latitude)).toBe(code);
  });

  it("finds no ward outside the county, inside its box, or for a coordinate that is not a number", () => {
    expect(locator.locate(-1.89, 52.48)).toBeNull(); // Birmingham
    expect(locator.locate(-3.1, 52.38)).toBeNull(); // Powys, in the county's box
    expect(locator.locate(Number.NaN, 52.2)).toBeNull();
    expect(locator.locate(-2.7, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it("agrees with wardContaining for random points in and around the county", () => {
    fc.assert(
      fc.property(
        fc.double({ min: BOX.minX, max: BOX.maxX, noNaN: true }),
        fc.double({ min: BOX.minY, max: BOX.maxY, noNaN: true }),
        (x, y) => locator.locate(x, y) === wardContaining(at(x, y), herefordshire),
      ),
      { numRuns: 20_000 },
    );
  });

  it("agrees with wardContaining on every vertex and every edge's midpoint, where the boundary rule decides", () => {
    let points = 0;
    for (const ward of herefordshire) {
      const rings = ward.boundary.type === "Polygon" ? ward.boundary.coordinates : ward.boundary.coordinates.flat();
      for (const ring of rings) {
        for (let i = 1; i < ring.length; i++) {
          const [ax, ay] = ring[i - 1] as [number, number];
          const [bx, by] = ring[i] as [number, number];
          for (const [x, y] of [[ax, ay], [(ax + bx) / 2, (ay + by) / 2]] as const) {
            points += 1;
            expect(locator.locate(x, y)).toBe(wardContaining(at(x, y), herefordshire));
          }
        }
      }
    }
    expect(points).toBeGreaterThan(15_000);
  });

  it("gives the same answers with a coarse grid and with a fine one", () => {
    const coarse = buildWardLocator(herefordshire, { cellsAcross: 1 });
    const fine = buildWardLocator(herefordshire, { cellsAcross: 1024 });
    fc.assert(
      fc.property(fc.double({ min: BOX.minX, max: BOX.maxX, noNaN: true }), fc.double({ min: BOX.minY, max: BOX.maxY, noNaN: true }), (x, y) => {
        const expected = wardContaining(at(x, y), herefordshire);
        return coarse.locate(x, y) === expected && fine.locate(x, y) === expected;
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("buildWardLocator on a shared border", () => {
  // The same 2x2 block as point-in-ward's tests; the south-east square runs clockwise.
  const block = [
    { id: "sw", boundary: polygon(square(0, 0)) },
    { id: "se", boundary: polygon(square(1, 0).reverse()) },
    { id: "nw", boundary: polygon(square(0, 1)) },
    { id: "ne", boundary: polygon(square(1, 1)) },
  ];

  it("gives a point on a north-south border to the ward east of it, in either input order", () => {
    expect(buildWardLocator(block).locate(1, 0.5)).toBe("se");
    expect(buildWardLocator([...block].reverse()).locate(1, 0.5)).toBe("se");
  });

  it("gives a point on an east-west border to the ward north of it, and the shared corner to the north-east ward", () => {
    expect(buildWardLocator(block).locate(0.5, 1)).toBe("nw");
    expect(buildWardLocator(block).locate(1, 1)).toBe("ne");
  });

  it("leaves points on the block's own east and north edges outside it, as the half-open rule says", () => {
    expect(buildWardLocator(block).locate(2, 0.5)).toBeNull();
    expect(buildWardLocator(block).locate(0.5, 2)).toBeNull();
    expect(buildWardLocator(block).locate(0, 0.5)).toBe("sw");
  });

  it("puts every point of a slanting shared border in the same ward as wardContaining does", () => {
    const wards = [
      { id: "left", boundary: polygon([[0, 0], [0.1, 0], [0.7, 1], [0, 1], [0, 0]]) },
      { id: "right", boundary: polygon([[0.1, 0], [1, 0], [1, 1], [0.7, 1], [0.1, 0]]) },
    ];
    const slanted = buildWardLocator(wards, { cellsAcross: 7 });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (t) => {
        const [x, y] = [0.1 + t * 0.6, t];
        return slanted.locate(x, y) === wardContaining(at(x, y), wards);
      }),
    );
  });
});

describe("buildWardLocator with holes, parts and overlaps", () => {
  it("finds the ring of a doughnut but not its hole, unless a ward fills the hole", () => {
    const doughnut = { id: "doughnut", boundary: polygon(square(0, 0, 10), square(4, 4, 2)) };
    expect(buildWardLocator([doughnut]).locate(2, 2)).toBe("doughnut");
    expect(buildWardLocator([doughnut]).locate(5, 5)).toBeNull();
    expect(buildWardLocator([doughnut, { id: "filling", boundary: polygon(square(4, 4, 2)) }]).locate(5, 5)).toBe("filling");
  });

  it("finds a point in any part of a MultiPolygon, and none between the parts", () => {
    const islands: WardBoundary = { type: "MultiPolygon", coordinates: [[square(0, 0)], [square(20, 0, 2), square(20.5, 0.5)]] };
    const located = buildWardLocator([{ id: "islands", boundary: islands }], { cellsAcross: 16 });
    expect(located.locate(0.5, 0.5)).toBe("islands");
    expect(located.locate(21.8, 1.8)).toBe("islands");
    expect(located.locate(21, 1)).toBeNull();
    expect(located.locate(10, 0.5)).toBeNull();
  });

  it("gives a point where two wards overlap (a broken file) to the first in input order, as wardContaining does", () => {
    const big = { id: "big", boundary: polygon(square(0, 0, 10)) };
    const small = { id: "small", boundary: polygon(square(2, 2, 1)) };
    expect(buildWardLocator([big, small]).locate(2.5, 2.5)).toBe("big");
    expect(buildWardLocator([small, big]).locate(2.5, 2.5)).toBe("small");
  });

  it("finds nothing when there are no wards", () => {
    expect(buildWardLocator([]).locate(0, 0)).toBeNull();
  });
});
