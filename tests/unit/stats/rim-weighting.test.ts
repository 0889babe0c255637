import { describe, expect, it } from "vitest";
import { rimWeightCells, rimWeights, type RespondentCategories, type SampleCell } from "~/lib/stats/rim-weighting";

/** One respondent per unit of each cell count: rows are the first variable, columns the second. */
function respondentsFrom(table: number[][], rowNames: string[], columnNames: string[], row = "row", column = "column") {
  const respondents: RespondentCategories[] = [];
  table.forEach((counts, r) =>
    counts.forEach((count, c) => {
      for (let k = 0; k < count; k += 1) respondents.push({ [row]: rowNames[r], [column]: columnNames[c] });
    }),
  );
  return respondents;
}

function weightedCell(respondents: RespondentCategories[], weights: number[], match: RespondentCategories): number {
  return respondents.reduce(
    (sum, respondent, i) => (Object.entries(match).every(([key, value]) => respondent[key] === value) ? sum + (weights[i] ?? 0) : sum),
    0,
  );
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("rimWeights", () => {
  it("reproduces the worked example of Wikipedia's 'Iterative proportional fitting' article", () => {
    // Seed table and targets (rows 150, 300, 400, 150; columns 200, 300, 400, 100; total 1000) and
    // the fitted table, as printed in the ProportionalFitting.jl README, which uses that example.
    const seed = [[40, 30, 20, 10], [35, 50, 100, 75], [30, 80, 70, 120], [20, 30, 40, 50]];
    const fitted = [
      [64.5585, 46.2325, 35.3843, 3.82473],
      [49.9679, 68.1594, 156.499, 25.3742],
      [56.7219, 144.428, 145.082, 53.7673],
      [28.7516, 41.18, 63.0347, 17.0337],
    ];
    const rows = ["r1", "r2", "r3", "r4"];
    const columns = ["c1", "c2", "c3", "c4"];
    const respondents = respondentsFrom(seed, rows, columns);
    const margins = {
      row: { r1: 150, r2: 300, r3: 400, r4: 150 },
      column: { c1: 200, c2: 300, c3: 400, c4: 100 },
    };
    const result = rimWeights(respondents, margins, { tolerance: 1e-10, maxIterations: 1000 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.hasConverged).toBe(true);
    // Weights average 1 over the 800 respondents, so a cell's weighted count × 1000/800 is the fitted cell.
    fitted.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        const fittedHere = (weightedCell(respondents, result.value.weights, { row: rows[r], column: columns[c] }) * 1000) / 800;
        expect(Math.abs(fittedHere - cell)).toBeLessThan(5e-4);
      }),
    );
  });

  it("matches every margin on convergence, with weights that sum to the number of respondents", () => {
    const respondents = respondentsFrom([[30, 10], [45, 40], [60, 90]], ["16-34", "35-64", "65+"], ["Female", "Male"], "ageBand", "sex");
    const margins = { ageBand: { "16-34": 3100, "35-64": 4700, "65+": 2200 }, sex: { Female: 5150, Male: 4850 } };
    const result = rimWeights(respondents, margins);
    if (!result.ok) throw new Error(result.error.message);
    const { weights, hasConverged, iterations, maxMarginError } = result.value;
    expect(hasConverged).toBe(true);
    expect(iterations).toBeGreaterThan(1);
    expect(maxMarginError).toBeLessThanOrEqual(1e-6);
    expect(sum(weights)).toBeCloseTo(respondents.length, 9);
    expect(weightedCell(respondents, weights, { ageBand: "16-34" }) / respondents.length).toBeCloseTo(0.31, 6);
    expect(weightedCell(respondents, weights, { ageBand: "65+" }) / respondents.length).toBeCloseTo(0.22, 6);
    expect(weightedCell(respondents, weights, { sex: "Male" }) / respondents.length).toBeCloseTo(0.485, 6);
  });

  it("compares margins as proportions, so variables with slightly different population totals still rake", () => {
    const respondents = respondentsFrom([[20, 30], [50, 40]], ["young", "old"], ["Female", "Male"], "ageBand", "sex");
    const result = rimWeights(respondents, { ageBand: { young: 400, old: 600 }, sex: { Female: 510, Male: 493 } });
    expect(result.ok && result.value.hasConverged).toBe(true);
  });

  it("holds the weight cap and reports non-convergence when the margins need weights beyond it", () => {
    // 10 of 200 respondents are young but the population is 60% young: matching it needs a weight of 12.
    const respondents = respondentsFrom([[5, 5], [95, 95]], ["young", "old"], ["Female", "Male"], "ageBand", "sex");
    const result = rimWeights(respondents, { ageBand: { young: 600, old: 400 }, sex: { Female: 500, Male: 500 } });
    if (!result.ok) throw new Error(result.error.message);
    const { weights, hasConverged, iterations, maxMarginError } = result.value;
    expect(hasConverged).toBe(false);
    expect(iterations).toBe(50);
    expect(maxMarginError).toBeGreaterThan(0.1);
    expect(Math.max(...weights)).toBeLessThanOrEqual(5 + 1e-9);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(0.2 - 1e-9);
    expect(sum(weights)).toBeCloseTo(200, 9);
  });

  it("takes a narrower cap and a smaller iteration limit as options", () => {
    const respondents = respondentsFrom([[5, 5], [95, 95]], ["young", "old"], ["Female", "Male"], "ageBand", "sex");
    const result = rimWeights(respondents, { ageBand: { young: 600, old: 400 }, sex: { Female: 500, Male: 500 } }, { maxWeight: 3, minWeight: 0.5, maxIterations: 3 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.iterations).toBe(3);
    expect(Math.max(...result.value.weights)).toBeLessThanOrEqual(3 + 1e-9);
    expect(Math.min(...result.value.weights)).toBeGreaterThanOrEqual(0.5 - 1e-9);
  });

  it("leaves every weight at 1 after no iterations when the sample already matches", () => {
    const respondents = respondentsFrom([[10, 10], [30, 30]], ["young", "old"], ["Female", "Male"], "ageBand", "sex");
    const result = rimWeights(respondents, { ageBand: { young: 250, old: 750 }, sex: { Female: 500, Male: 500 } });
    expect(result).toEqual({ ok: true, value: { weights: respondents.map(() => 1), iterations: 0, hasConverged: true, maxMarginError: 0 } });
  });

  it("fails with an empty cell when a category has population but no respondents", () => {
    const respondents = respondentsFrom([[0, 0], [40, 35]], ["16-24", "25+"], ["Female", "Male"], "ageBand", "sex");
    const result = rimWeights(respondents, { ageBand: { "16-24": 900, "25+": 8000 }, sex: { Female: 4500, Male: 4400 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: "EmptyCell", variable: "ageBand", category: "16-24" });
    expect(result.error.message).toBe('empty cell: no respondents in ageBand "16-24"');
  });

  it("fails when a respondent's category is not in the margins, or is missing", () => {
    const margins = { sex: { Female: 500, Male: 500 } };
    const unknown = rimWeights([{ sex: "Female" }, { sex: "Male" }, { sex: "Prefer not to say" }], margins);
    expect(unknown).toMatchObject({ ok: false, error: { kind: "CategoryNotInMargins", variable: "sex", category: "Prefer not to say", respondent: 2 } });
    const missing = rimWeights([{ sex: "Female" }, {}, { sex: "Male" }], margins);
    expect(missing).toMatchObject({ ok: false, error: { kind: "CategoryNotInMargins", variable: "sex", category: undefined, respondent: 1 } });
  });

  it("treats a category with a population of 0 as absent from the margins", () => {
    const result = rimWeights([{ sex: "Female" }, { sex: "Male" }], { sex: { Female: 500, Male: 0 } });
    expect(result).toMatchObject({ ok: false, error: { kind: "CategoryNotInMargins", category: "Male" } });
  });

  it("refuses options and margins that are programming errors", () => {
    const respondents = [{ sex: "Female" }, { sex: "Male" }];
    const margins = { sex: { Female: 1, Male: 1 } };
    expect(() => rimWeights(respondents, margins, { maxIterations: 0 })).toThrow(RangeError);
    expect(() => rimWeights(respondents, margins, { tolerance: 0 })).toThrow(RangeError);
    expect(() => rimWeights(respondents, margins, { minWeight: 1.2 })).toThrow(RangeError);
    expect(() => rimWeights(respondents, margins, { maxWeight: 0.9 })).toThrow(RangeError);
    expect(() => rimWeights(respondents, {})).toThrow(RangeError);
    expect(() => rimWeights(respondents, { sex: { Female: -1, Male: 1 } })).toThrow(RangeError);
  });
});

/** A table as cells: rows are the first variable, columns the second. */
function cellsFrom(table: number[][], rowNames: string[], columnNames: string[], row = "row", column = "column"): SampleCell[] {
  return table.flatMap((counts, r) => counts.map((count, c) => ({ categories: { [row]: rowNames[r], [column]: columnNames[c] }, count })));
}

describe("rimWeightCells", () => {
  it("reproduces the worked example of Wikipedia's 'Iterative proportional fitting' article from the table itself", () => {
    // The same seed table, targets and fitted table as for rimWeights: a cell's weight × its count
    // × 1000/800 is the fitted cell.
    const seed = [[40, 30, 20, 10], [35, 50, 100, 75], [30, 80, 70, 120], [20, 30, 40, 50]];
    const fitted = [
      [64.5585, 46.2325, 35.3843, 3.82473],
      [49.9679, 68.1594, 156.499, 25.3742],
      [56.7219, 144.428, 145.082, 53.7673],
      [28.7516, 41.18, 63.0347, 17.0337],
    ];
    const cells = cellsFrom(seed, ["r1", "r2", "r3", "r4"], ["c1", "c2", "c3", "c4"]);
    const margins = { row: { r1: 150, r2: 300, r3: 400, r4: 150 }, column: { c1: 200, c2: 300, c3: 400, c4: 100 } };
    const result = rimWeightCells(cells, margins, { tolerance: 1e-10, maxIterations: 1000 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.hasConverged).toBe(true);
    fitted.flat().forEach((cell, i) => expect(Math.abs(result.value.weights[i]! * cells[i]!.count * (1000 / 800) - cell)).toBeLessThan(5e-4));
  });

  it("rakes a table of age band by sex as worked by hand in one iteration", () => {
    // Sample: young women 10, young men 10, older women 30, older men 30 (n = 80); population:
    // young 500, older 500; women 600, men 400.
    // Age step: young 20 of 80 must be 1/2, so × (0.5 × 80)/20 = 2; older × 40/60 = 2/3.
    // Sex step: women now 10 × 2 + 30 × 2/3 = 40 must be 0.6 × 80 = 48, so × 1.2; men × 32/40 = 0.8.
    // Weights: young women 2.4, young men 1.6, older women 0.8, older men 0.5333. Age is still
    // matched (10 × 2.4 + 10 × 1.6 = 40), so the margins hold after one iteration.
    const cells = cellsFrom([[10, 10], [30, 30]], ["young", "older"], ["female", "male"], "ageBand", "sex");
    const result = rimWeightCells(cells, { ageBand: { young: 500, older: 500 }, sex: { female: 600, male: 400 } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ iterations: 1, hasConverged: true });
    expect(result.value.weights.map((w) => Math.round(w * 10000) / 10000)).toEqual([2.4, 1.6, 0.8, 0.5333]);
  });

  it("gives every respondent in a cell the weight rimWeights gives them one by one, the weight cap included", () => {
    const table = [[5, 5], [95, 95]];
    const margins = { ageBand: { young: 600, old: 400 }, sex: { Female: 500, Male: 500 } };
    const byCell = rimWeightCells(cellsFrom(table, ["young", "old"], ["Female", "Male"], "ageBand", "sex"), margins);
    const oneByOne = rimWeights(respondentsFrom(table, ["young", "old"], ["Female", "Male"], "ageBand", "sex"), margins);
    if (!byCell.ok || !oneByOne.ok) throw new Error("expected weights");
    const expanded = table.flat().flatMap((count, i) => Array.from({ length: count }, () => byCell.value.weights[i]!));
    expanded.forEach((weight, i) => expect(weight).toBeCloseTo(oneByOne.value.weights[i]!, 9));
    expect(byCell.value.iterations).toBe(oneByOne.value.iterations);
    expect(byCell.value.hasConverged).toBe(false);
  });

  it("lets a cell of nobody be, and still fails when a category with population has nobody", () => {
    const margins = { ageBand: { young: 1, old: 1 }, sex: { Female: 1, Male: 1 } };
    const withEmpty = rimWeightCells([...cellsFrom([[4, 6], [5, 5]], ["young", "old"], ["Female", "Male"], "ageBand", "sex"), { categories: { ageBand: "old" }, count: 0 }], margins);
    expect(withEmpty.ok).toBe(true);
    const noYoungMen = rimWeightCells(cellsFrom([[4, 0], [5, 0]], ["young", "old"], ["Female", "Male"], "ageBand", "sex"), margins);
    expect(noYoungMen).toMatchObject({ ok: false, error: { kind: "EmptyCell", variable: "sex", category: "Male" } });
    expect(() => rimWeightCells([{ categories: { sex: "Female" }, count: -1 }], { sex: { Female: 1 } })).toThrow(RangeError);
  });
});
