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
  const { maxIterations = 50, tolerance = 1e-6, minWeight = 0.2, maxWeight = 5 } = options;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError("rimWeights: maxIterations must be a whole number of at least 1");
  if (!(tolerance > 0)) throw new RangeError("rimWeights: tolerance must be greater than 0");
  if (!(minWeight > 0 && minWeight < 1 && maxWeight > 1 && Number.isFinite(maxWeight))) {
    throw new RangeError("rimWeights: the weight cap must satisfy 0 < minWeight < 1 < maxWeight");
  }
  const variables = Object.entries(margins).map(([name, populations]) => toVariable(name, populations));
  if (variables.length === 0) throw new RangeError("rimWeights: no margins to weight to");

  // For each variable, the index of each respondent's category in that variable's target shares.
  const cells: number[][] = [];
  for (const variable of variables) {
    const column: number[] = [];
    const counts = variable.categories.map(() => 0);
    for (const [respondent, answers] of respondents.entries()) {
      const category = answers[variable.name];
      const index = category === undefined ? -1 : variable.categories.indexOf(category);
      if (index === -1) {
        const message = category === undefined
          ? `respondent ${respondent} has no ${variable.name}`
          : `respondent ${respondent} is in ${variable.name} "${category}", which has no population in the margins`;
        return err({ kind: "CategoryNotInMargins", variable: variable.name, category, respondent, message });
      }
      column.push(index);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    const empty = counts.indexOf(0);
    if (empty !== -1) {
      const category = variable.categories[empty] ?? "";
      return err({ kind: "EmptyCell", variable: variable.name, category, message: `empty cell: no respondents in ${variable.name} "${category}"` });
    }
    cells.push(column);
  }

  let weights = respondents.map(() => 1);
  let maxMarginError = largestMarginError(weights, variables, cells);
  let iterations = 0;
  while (maxMarginError > tolerance && iterations < maxIterations) {
    iterations += 1;
    for (const [v, variable] of variables.entries()) {
      const column = cells[v] ?? [];
      const totals = weightedTotals(weights, column, variable.shares.length);
      // Each step keeps the weights summing to n, because the target shares sum to 1.
      const factors = variable.shares.map((share, c) => (share * weights.length) / (totals[c] ?? 1));
      weights = weights.map((weight, i) => weight * (factors[column[i] ?? 0] ?? 1));
    }
    weights = trim(weights, minWeight, maxWeight);
    maxMarginError = largestMarginError(weights, variables, cells);
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

function weightedTotals(weights: readonly number[], column: readonly number[], size: number): number[] {
  const totals = new Array<number>(size).fill(0);
  for (const [i, weight] of weights.entries()) {
    const c = column[i] ?? 0;
    totals[c] = (totals[c] ?? 0) + weight;
  }
  return totals;
}

function largestMarginError(weights: readonly number[], variables: readonly Variable[], cells: readonly number[][]): number {
  const sum = weights.reduce((total, weight) => total + weight, 0);
  let largest = 0;
  for (const [v, variable] of variables.entries()) {
    const totals = weightedTotals(weights, cells[v] ?? [], variable.shares.length);
    for (const [c, share] of variable.shares.entries()) largest = Math.max(largest, Math.abs((totals[c] ?? 0) / sum - share));
  }
  return largest;
}

/**
 * The weights scaled by s and clamped to the cap, with s chosen so that they sum to n. The sum
 * rises steadily with s from n × minWeight to n × maxWeight, so bisection finds s.
 */
function trim(weights: readonly number[], minWeight: number, maxWeight: number): number[] {
  const n = weights.length;
  const mean = weights.reduce((total, weight) => total + weight, 0) / n;
  const normalised = weights.map((weight) => weight / mean);
  if (normalised.every((weight) => weight >= minWeight && weight <= maxWeight)) return normalised;
  const clamped = (scale: number) => normalised.map((weight) => Math.min(maxWeight, Math.max(minWeight, weight * scale)));
  let low = minWeight / normalised.reduce((a, b) => Math.max(a, b));
  let high = maxWeight / normalised.reduce((a, b) => Math.min(a, b));
  for (let step = 0; step < 200 && high - low > high * 1e-15; step += 1) {
    const middle = (low + high) / 2;
    const sum = clamped(middle).reduce((total, weight) => total + weight, 0);
    if (sum < n) low = middle;
    else high = middle;
  }
  return clamped((low + high) / 2);
}
