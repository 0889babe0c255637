import { describe, expect, it } from "vitest";
import { PublishedSums } from "~/lib/stats/published-sums";

/** Publishes each sum that gives nothing away, in order, as a report deciding windows oldest first would. */
function publishInTurn(cells: number, sums: number[][]): boolean[] {
  const published = new PublishedSums(cells);
  return sums.map((sum) => {
    if (published.wouldDisclose(sum)) return false;
    published.publish(sum);
    return true;
  });
}

// Hidden quarters are numbered 0, 1, 2...; published and empty quarters are known, so they are
// not cells here, and a window's sum is the hidden quarters inside it.
describe("sums of hidden cells, and what they give away", () => {
  it("gives a cell away when a sum holds it alone: a rolling year whose other quarters are published", () => {
    expect(publishInTurn(1, [[0]])).toEqual([false]);
  });

  it("gives nothing away with two hidden cells in one sum, or the same sum twice", () => {
    expect(publishInTurn(2, [[0, 1], [0, 1], [1, 0]])).toEqual([true, true, true]);
  });

  it("refuses the third window of a series that starts from empty quarters: its difference from the second is one quarter", () => {
    // Surveying began in quarter 0: the windows to quarters 0, 1 and 2 hold 1, 2 and 3 hidden quarters.
    expect(publishInTurn(3, [[0], [0, 1], [0, 1, 2]])).toEqual([false, true, false]);
  });

  it("refuses a window that overlaps a published one but for one hidden quarter", () => {
    // Quarters 0-2 hidden, 3 and 4 published: the windows to quarters 3 and 4 differ by quarter 0.
    expect(publishInTurn(3, [[0, 1, 2], [1, 2]])).toEqual([true, false]);
  });

  it("sees a cell given away only by three sums together", () => {
    // a+b, b+c and a+c give a = ((a+b) - (b+c) + (a+c)) / 2.
    expect(publishInTurn(3, [[0, 1], [1, 2], [0, 2]])).toEqual([true, true, false]);
  });

  it("lets overlapping windows stand when their differences are differences of hidden cells", () => {
    // Five hidden quarters; the windows to quarters 3 and 4 differ by quarter 4 less quarter 0.
    expect(publishInTurn(5, [[0, 1, 2, 3], [1, 2, 3, 4]])).toEqual([true, true]);
  });

  it("refuses to publish a sum that discloses, and a cell it does not know", () => {
    const published = new PublishedSums(2);
    expect(() => published.publish([1])).toThrow(/would disclose/);
    expect(() => published.wouldDisclose([2])).toThrow(RangeError);
    expect(() => new PublishedSums(-1)).toThrow(RangeError);
  });

  it("agrees with a rank test on random sums: a cell is given away when adding it alone leaves the rank unchanged", () => {
    // Floating-point rank of small 0/1 matrices, as an independent oracle.
    const rank = (rows: number[][]) => {
      const m = rows.map((r) => [...r]);
      let r = 0;
      for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
        const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
        if (p === -1) continue;
        [m[r], m[p]] = [m[p]!, m[r]!];
        for (let i = 0; i < m.length; i++) if (i !== r) { const f = m[i]![c]! / m[r]![c]!; m[i] = m[i]!.map((v, k) => v - f * m[r]![k]!); }
        r++;
      }
      return r;
    };
    const discloses = (cells: number, sums: number[][]) => Array.from({ length: cells }, (_, j) => j).some((j) => {
      const rows = sums.map((sum) => Array.from({ length: cells }, (_, k) => (sum.includes(k) ? 1 : 0)));
      return rows.length > 0 && rank([...rows, Array.from({ length: cells }, (_, k) => (k === j ? 1 : 0))]) === rank(rows);
    });
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const cells = 1 + Math.floor(random() * 6);
      const sums = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Array.from({ length: cells }, (_, k) => k).filter(() => random() < 0.5));
      const published: number[][] = [];
      publishInTurn(cells, sums).forEach((isPublished, i) => {
        expect(isPublished, JSON.stringify({ cells, published, sum: sums[i] })).toBe(!discloses(cells, [...published, sums[i]!]));
        if (isPublished) published.push(sums[i]!);
      });
    }
  });

  it("finds nothing to give away with no hidden cells", () => {
    expect(publishInTurn(0, [[], []])).toEqual([true, true]);
  });
});
