import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressCells } from "~/lib/stats/suppress";

type Ward = { name: string; base: number; numerator: number };

/** What a reader can work out from the published figures: the total minus every shown ward. */
function whatSubtractionReveals(wards: Ward[], isSuppressed: boolean[]) {
  const hidden = wards.filter((_, i) => isSuppressed[i]);
  const shown = wards.filter((_, i) => !isSuppressed[i]);
  const total = { base: wards.reduce((s, w) => s + w.base, 0), numerator: wards.reduce((s, w) => s + w.numerator, 0) };
  return {
    hiddenCount: hidden.length,
    base: total.base - shown.reduce((s, w) => s + w.base, 0),
    numerator: total.numerator - shown.reduce((s, w) => s + w.numerator, 0),
  };
}

describe("suppressCells", () => {
  it("suppresses a base below the threshold and shows one at it", () => {
    const { cells } = suppressCells([49, 50, 120, 0], { isTotalPublished: false });
    expect(cells).toEqual([
      { isSuppressed: true, reason: "below_threshold" },
      { isSuppressed: false, reason: null },
      { isSuppressed: false, reason: null },
      { isSuppressed: true, reason: "below_threshold" },
    ]);
  });

  it("uses the administrator's threshold between 30 and 100", () => {
    expect(suppressCells([35], { threshold: 30, isTotalPublished: false }).cells[0]?.isSuppressed).toBe(false);
    expect(suppressCells([95], { threshold: 100, isTotalPublished: false }).cells[0]?.isSuppressed).toBe(true);
    expect(() => suppressCells([35], { threshold: 29 })).toThrow(RangeError);
    expect(() => suppressCells([35], { threshold: 101 })).toThrow(RangeError);
  });

  it("hides the smallest other ward too when one ward is suppressed and the area total is published", () => {
    const { cells, total } = suppressCells([210, 32, 75, 140, 64]);
    expect(cells.map((cell) => cell.reason)).toEqual([null, "below_threshold", null, null, "complementary"]);
    expect(total).toEqual({ isSuppressed: false, reason: null });
  });

  it("leaves nothing derivable: the total minus the shown wards gives only the sum of two hidden wards", () => {
    const wards: Ward[] = [
      { name: "Credenhill", base: 210, numerator: 150 },
      { name: "Queenswood", base: 32, numerator: 9 },
      { name: "Stoney Street", base: 75, numerator: 51 },
      { name: "Sutton Walls", base: 140, numerator: 99 },
      { name: "Tupsley", base: 64, numerator: 40 },
    ];
    const isSuppressed = suppressCells(wards.map((ward) => ward.base)).cells.map((cell) => cell.isSuppressed);

    // Without the complementary cell, subtraction would give Queenswood's figures exactly.
    const primaryOnly = whatSubtractionReveals(wards, wards.map((ward) => ward.base < 50));
    expect(primaryOnly).toEqual({ hiddenCount: 1, base: 32, numerator: 9 });

    const revealed = whatSubtractionReveals(wards, isSuppressed);
    expect(revealed).toEqual({ hiddenCount: 2, base: 32 + 64, numerator: 9 + 40 });
    // Another split of the same remainder fits every published figure, so Queenswood's base and
    // numerator cannot be told from it: for example 33 and 10 (still under 50), with 63 and 39.
    const alternative = [{ base: 33, numerator: 10 }, { base: 63, numerator: 39 }];
    expect(alternative.reduce((s, w) => s + w.base, 0)).toBe(revealed.base);
    expect(alternative.reduce((s, w) => s + w.numerator, 0)).toBe(revealed.numerator);
    expect(alternative.every((w) => w.numerator <= w.base)).toBe(true);
  });

  it("adds nothing when two or more wards are already suppressed", () => {
    const { cells } = suppressCells([210, 32, 75, 41]);
    expect(cells.map((cell) => cell.reason)).toEqual([null, "below_threshold", null, "below_threshold"]);
  });

  it("hides a further ward when the only other hidden ward had no responses, which protects nothing", () => {
    const wards: Ward[] = [
      { name: "Credenhill", base: 210, numerator: 150 },
      { name: "Queenswood", base: 32, numerator: 9 },
      { name: "Stoney Street", base: 0, numerator: 0 },
      { name: "Sutton Walls", base: 140, numerator: 99 },
    ];
    const { cells } = suppressCells(wards.map((ward) => ward.base));
    expect(cells.map((cell) => cell.reason)).toEqual([null, "below_threshold", "below_threshold", "complementary"]);
    expect(whatSubtractionReveals(wards, cells.map((cell) => cell.isSuppressed))).toEqual({ hiddenCount: 3, base: 32 + 140, numerator: 9 + 99 });
  });

  it("hides a further ward when the hidden wards together hold fewer responses than the threshold", () => {
    const { cells } = suppressCells([210, 20, 15, 140]);
    expect(cells.map((cell) => cell.reason)).toEqual([null, "below_threshold", "below_threshold", "complementary"]);
  });

  it("never leaves the total minus the shown wards a small figure, whatever the bases", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 50, max: 400 })), { minLength: 1, maxLength: 12 }), fc.integer({ min: 30, max: 100 }), (bases, threshold) => {
        const { cells, total } = suppressCells(bases, { threshold });
        if (total?.isSuppressed) return;
        const hidden = bases.filter((base, i) => base > 0 && cells[i]!.isSuppressed);
        const revealed = hidden.reduce((sum, base) => sum + base, 0);
        expect(hidden.length === 0 || (hidden.length >= 2 && revealed >= threshold)).toBe(true);
      }),
    );
  });

  it("adds nothing when the total is not published", () => {
    const { cells, total } = suppressCells([210, 32, 75], { isTotalPublished: false });
    expect(cells.map((cell) => cell.reason)).toEqual([null, "below_threshold", null]);
    expect(total).toBeNull();
  });

  it("suppresses the total, and so every ward, when the total itself is below the threshold", () => {
    const { cells, total } = suppressCells([12, 20, 9]);
    expect(total).toEqual({ isSuppressed: true, reason: "below_threshold" });
    expect(cells.every((cell) => cell.reason === "below_threshold")).toBe(true);
  });

  it("pairs the two cells of a two-ward area, so neither follows from the total", () => {
    const { cells } = suppressCells([44, 300]);
    expect(cells.map((cell) => cell.reason)).toEqual(["below_threshold", "complementary"]);
  });

  it("takes the first of equally small wards as the complementary cell", () => {
    const { cells } = suppressCells([80, 10, 60, 60]);
    expect(cells.map((cell) => cell.reason)).toEqual([null, "below_threshold", "complementary", null]);
  });

  it("refuses a base that is not a whole number of at least 0", () => {
    expect(() => suppressCells([10, -1])).toThrow(RangeError);
    expect(() => suppressCells([10.5])).toThrow(RangeError);
    expect(() => suppressCells([Number.NaN])).toThrow(RangeError);
  });
});
