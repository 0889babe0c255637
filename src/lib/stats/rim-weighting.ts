import { err, ok, type Result } from "~/lib/result";

/** Population per category, per weighting variable: { ageBand: { "16-24": 1210, ... }, sex: { ... } }. */
export type PopulationMargins = Readonly<Record<string, Readonly<Record<string, number>>>>;
/** One respondent's category on each weighting variable: { ageBand: "16-24", sex: "Female" }. */
export type RespondentCategories = Readonly<Record<string, string | undefined>>;
export type RimWeightingOptions = { maxIterations?: number; tolerance?: number; minWeight?: number; maxWeight?: number };
export type RimWeights = { weights: number[]; iterations: number; hasConverged: boolean; maxMarginError: number };
export type RimWeightingProblem =
  | { kind: "EmptyCell"; variable: string; category: string; message: string }
  | { kind: "CategoryNotInMargins"; variable: string; category: string | undefined; respondent: number; message: string };

/**
 * Rim weights (raking): respondent weights whose weighted shares match population margins on
 * two or more variables at once, such as age band and sex.
 *
 * Method: iterative proportional fitting, Deming and Stephan (1940), "On a least squares
 * adjustment of a sampled frequency table when the expected marginal totals are known",
 * Annals of Mathematical Statistics 11:427-444. Each iteration scales the weights to each
 * variable's margin in turn. Margins are compared as proportions, so variables whose population
 * totals differ slightly (rounded ONS estimates) still rake. After each iteration the weights
 * are trimmed to minWeight..maxWeight times the mean and rescaled (trimming inside the loop,
 * as anesrake does), so the cap always holds; a binding cap can stop the margins matching,
 * which shows as hasConverged = false and a maxMarginError above the tolerance.
 *
 * Options: maxIterations (default 50), tolerance on the largest margin error as a proportion
 * (default 1e-6), minWeight and maxWeight relative to a mean weight of 1 (default 0.2 and 5,
 * DOMAIN.md). Weights are returned in respondent order and sum to the number of respondents.
 * For a sample already counted by category, rimWeightCells does the same on the table.
 *
 * Expected failures are values: a category with population but no respondents ("EmptyCell";
 * collapse it with a neighbour first, DOMAIN.md) and a respondent whose category is missing or
 * has no population in the margins ("CategoryNotInMargins").
 * Throws a RangeError for options out of range, no margins, or a population that is negative
 * or not finite: those are programming errors, not data.
 */
export function rimWeights(
  respondents: readonly RespondentCategories[],
  margins: PopulationMargins,
  options: RimWeightingOptions = {},
): Result<RimWeights, RimWeightingProblem> {
  return rimWeightCells(respondents.map((categories) => ({ categories, count: 1 })), margins, options);
}

/** Respondents who share every category, counted together: one cell of the sample's table. */
export type SampleCell = { categories: RespondentCategories; count: number };

/**
 * rimWeights for a sample given as a table of counts, one weight per cell: every respondent in
 * a cell gets the cell's weight. Raking treats respondents with the same categories alike, so
 * this gives the same weights as rimWeights on the respondents one by one (a test checks it),
 * while costing the number of cells, not of respondents: 14 cells of age band by sex, however
 * many thousands answered. Weights sum, counted over respondents, to the number of respondents.
 * In a "CategoryNotInMargins" problem, `respondent` is the index of the cell.
 * Throws as rimWeights does, and for a count that is negative or not finite; a cell of 0 is
 * allowed and counts for nothing.
 */
export function rimWeightCells(
  cells: readonly SampleCell[],
  margins: PopulationMargins,
  options: RimWeightingOptions = {},
): Result<RimWeights, RimWeightingProblem> {
  const { maxIterations = 50, tolerance = 1e-6, minWeight = 0.2, maxWeight = 5 } = options;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError("rimWeights: maxIterations must be a whole number of at least 1");
  if (!(tolerance > 0)) throw new RangeError("rimWeights: tolerance must be greater than 0");
  if (!(minWeight > 0 && minWeight < 1 && maxWeight > 1 && Number.isFinite(maxWeight))) {
    throw new RangeError("rimWeights: the weight cap must satisfy 0 < minWeight < 1 < maxWeight");
  }
  for (const { count } of cells) {
    if (!Number.isFinite(count) || count < 0) throw new RangeError(`rimWeights: a cell's count must be a number of at least 0, got ${count}`);
  }
  const variables = Object.entries(margins).map(([name, populations]) => toVariable(name, populations));
  if (variables.length === 0) throw new RangeError("rimWeights: no margins to weight to");
  const counts = cells.map((cell) => cell.count);

  // For each variable, the index of each cell's category in that variable's target shares.
  const columns: number[][] = [];
  for (const variable of variables) {
    const column: number[] = [];
    const totals = variable.categories.map(() => 0);
    for (const [index, cell] of cells.entries()) {
      const category = cell.categories[variable.name];
      const at = category === undefined ? -1 : variable.categories.indexOf(category);
      if (at === -1) {
        if (cell.count === 0) {
          column.push(0); // counts for nothing, wherever it is put
          continue;
        }
        const message = category === undefined
          ? `respondent ${index} has no ${variable.name}`
          : `respondent ${index} is in ${variable.name} "${category}", which has no population in the margins`;
        return err({ kind: "CategoryNotInMargins", variable: variable.name, category, respondent: index, message });
      }
      column.push(at);
      totals[at] = (totals[at] ?? 0) + cell.count;
    }
    const empty = totals.indexOf(0);
    if (empty !== -1) {
      const category = variable.categories[empty] ?? "";
      return err({ kind: "EmptyCell", variable: variable.name, category, message: `empty cell: no respondents in ${variable.name} "${category}"` });
    }
    columns.push(column);
  }

  const n = counts.reduce((sum, count) => sum + count, 0);
  let weights = cells.map(() => 1);
  let maxMarginError = largestMarginError(weights, counts, variables, columns);
  let iterations = 0;
  while (maxMarginError > tolerance && iterations < maxIterations) {
    iterations += 1;
    for (const [v, variable] of variables.entries()) {
      const column = columns[v] ?? [];
      const totals = weightedTotals(weights, counts, column, variable.shares.length);
      // Each step keeps the weights summing to n, because the target shares sum to 1.
      const factors = variable.shares.map((share, c) => (share * n) / (totals[c] ?? 1));
      weights = weights.map((weight, i) => weight * (factors[column[i] ?? 0] ?? 1));
    }
    weights = trim(weights, counts, minWeight, maxWeight);
    maxMarginError = largestMarginError(weights, counts, variables, columns);
  }
  return ok({ weights, iterations, hasConverged: maxMarginError <= tolerance, maxMarginError });
}

type Variable = { name: string; categories: string[]; shares: number[] };

/** Categories with population, and their shares of the variable's total. */
function toVariable(name: string, populations: Readonly<Record<string, number>>): Variable {
  const entries = Object.entries(populations);
  for (const [category, population] of entries) {
    if (!Number.isFinite(population) || population < 0) {
      throw new RangeError(`rimWeights: population of ${name} "${category}" must be a number of at least 0, got ${population}`);
    }
  }
  const populated = entries.filter(([, population]) => population > 0);
  if (populated.length === 0) throw new RangeError(`rimWeights: ${name} has no population`);
  const total = populated.reduce((sum, [, population]) => sum + population, 0);
  return { name, categories: populated.map(([category]) => category), shares: populated.map(([, population]) => population / total) };
}

function weightedTotals(weights: readonly number[], counts: readonly number[], column: readonly number[], size: number): number[] {
  const totals = new Array<number>(size).fill(0);
  for (const [i, weight] of weights.entries()) {
    const c = column[i] ?? 0;
    totals[c] = (totals[c] ?? 0) + weight * (counts[i] ?? 0);
  }
  return totals;
}

function largestMarginError(weights: readonly number[], counts: readonly number[], variables: readonly Variable[], columns: readonly number[][]): number {
  const sum = weights.reduce((total, weight, i) => total + weight * (counts[i] ?? 0), 0);
  let largest = 0;
  for (const [v, variable] of variables.entries()) {
    const totals = weightedTotals(weights, counts, columns[v] ?? [], variable.shares.length);
    for (const [c, share] of variable.shares.entries()) largest = Math.max(largest, Math.abs((totals[c] ?? 0) / sum - share));
  }
  return largest;
}

/**
 * The weights scaled by s and clamped to the cap, with s chosen so that they sum to n (each
 * weight counted once per respondent in its cell). The sum rises steadily with s from
 * n × minWeight to n × maxWeight, so bisection finds s.
 */
function trim(weights: readonly number[], counts: readonly number[], minWeight: number, maxWeight: number): number[] {
  const sumOf = (values: readonly number[]) => values.reduce((total, weight, i) => total + weight * (counts[i] ?? 0), 0);
  const n = counts.reduce((total, count) => total + count, 0);
  const mean = sumOf(weights) / n;
  const normalised = weights.map((weight) => weight / mean);
  // Cells of 0 respondents carry no weight, so they neither bind the cap nor set its range.
  const inUse = normalised.filter((_, i) => (counts[i] ?? 0) > 0);
  if (inUse.every((weight) => weight >= minWeight && weight <= maxWeight)) return normalised;
  const clamped = (scale: number) => normalised.map((weight) => Math.min(maxWeight, Math.max(minWeight, weight * scale)));
  let low = minWeight / inUse.reduce((a, b) => Math.max(a, b));
  let high = maxWeight / inUse.reduce((a, b) => Math.min(a, b));
  for (let step = 0; step < 200 && high - low > high * 1e-15; step += 1) {
    const middle = (low + high) / 2;
    const sum = sumOf(clamped(middle));
    if (sum < n) low = middle;
    else high = middle;
  }
  return clamped((low + high) / 2);
}
