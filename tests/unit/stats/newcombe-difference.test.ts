import { describe, expect, it } from "vitest";
import { newcombeDifference } from "~/lib/stats/newcombe-difference";

// Newcombe (1998b), Statistics in Medicine 17:873-890, Table II, examples (a) to (h), method 10
// (score, no continuity correction), 95%. The paper itself could not be opened here; the rows are
// as reproduced, identically, by several independent test suites citing Table II (rows (a), (b)
// and (h) with a citation to page 877). Pinned at the four decimals the table prints.
const NEWCOMBE_TABLE_II: readonly [string, [number, number], [number, number], number, number][] = [
  ["(a) 56/70 - 48/80", [56, 70], [48, 80], 0.0524, 0.3339],
  ["(b) 9/10 - 3/10", [9, 10], [3, 10], 0.1705, 0.809],
  ["(c) 6/7 - 2/7", [6, 7], [2, 7], 0.0582, 0.8062],
  ["(d) 5/56 - 0/29", [5, 56], [0, 29], -0.0381, 0.1926],
  ["(e) 0/10 - 0/20", [0, 10], [0, 20], -0.1611, 0.2775],
  ["(f) 0/10 - 0/10", [0, 10], [0, 10], -0.2775, 0.2775],
  ["(g) 10/10 - 0/20", [10, 10], [0, 20], 0.6791, 1.0],
  ["(h) 10/10 - 0/10", [10, 10], [0, 10], 0.6075, 1.0],
];

describe("newcombeDifference", () => {
  it.each(NEWCOMBE_TABLE_II)("reproduces Newcombe 1998b Table II %s", (_, [x1, n1], [x2, n2], lower, upper) => {
    const interval = newcombeDifference({ successes: x1, base: n1 }, { successes: x2, base: n2 });
    expect(interval.difference).toBeCloseTo(x1 / n1 - x2 / n2, 15);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it("calls a change significant only when the interval excludes zero", () => {
    expect(newcombeDifference({ successes: 56, base: 70 }, { successes: 48, base: 80 }).isSignificant).toBe(true);
    expect(newcombeDifference({ successes: 5, base: 56 }, { successes: 0, base: 29 }).isSignificant).toBe(false);
    expect(newcombeDifference({ successes: 0, base: 10 }, { successes: 0, base: 20 }).isSignificant).toBe(false);
    expect(newcombeDifference({ successes: 3, base: 10 }, { successes: 9, base: 10 }).isSignificant).toBe(true);
  });

  it("gives the mirror-image interval when the periods are swapped", () => {
    const forwards = newcombeDifference({ successes: 56, base: 70 }, { successes: 48, base: 80 });
    const backwards = newcombeDifference({ successes: 48, base: 80 }, { successes: 56, base: 70 });
    expect(backwards.difference).toBeCloseTo(-forwards.difference, 15);
    expect(backwards.lower).toBeCloseTo(-forwards.upper, 15);
    expect(backwards.upper).toBeCloseTo(-forwards.lower, 15);
  });

  it("never leaves -1..1 and never has zero width at the extremes", () => {
    const all = newcombeDifference({ successes: 10, base: 10 }, { successes: 0, base: 10 });
    const none = newcombeDifference({ successes: 0, base: 10 }, { successes: 10, base: 10 });
    expect(all.upper).toBe(1);
    expect(none.lower).toBe(-1);
    expect(all.upper - all.lower).toBeGreaterThan(0);
  });

  it("widens at 99% and narrows at 90% around the same difference", () => {
    const first = { successes: 56, base: 70 };
    const second = { successes: 48, base: 80 };
    const at90 = newcombeDifference(first, second, 0.9);
    const at99 = newcombeDifference(first, second, 0.99);
    expect(at90.lower).toBeGreaterThan(0.0524);
    expect(at99.lower).toBeLessThan(0.0524);
    expect(at99.upper).toBeGreaterThan(0.3339);
  });

  it("refuses an empty period rather than returning NaN", () => {
    expect(() => newcombeDifference({ successes: 0, base: 0 }, { successes: 3, base: 10 })).toThrow(RangeError);
    expect(() => newcombeDifference({ successes: 11, base: 10 }, { successes: 3, base: 10 })).toThrow(RangeError);
  });
});
