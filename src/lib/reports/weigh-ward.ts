import { ageBandLabel, sexLabel } from "~/lib/geography/population/population-labels";
import type { WardMargins } from "~/lib/geography/population/ward-populations";
import { err, ok, type Result } from "~/lib/result";
import { rimWeightCells, type RimWeightingOptions } from "~/lib/stats/rim-weighting";

/** Responses in one age band and sex (the bank's option keys). */
export type ClassCell = { ageBand: string; sex: string; responses: number };
export type WardWeights = {
  /** The population estimates' year the ward was weighted to. */
  year: number;
  /** The ward's population (16 and over) that year: what its weights gross up to in the area's figure. */
  population: number;
  /** How many responses were weighted: those that gave both age band and sex. */
  respondents: number;
  iterations: number;
  /** A respondent's weight (the weights average 1 over the ward's respondents); undefined for a class with none. */
  weightOf(ageBand: string, sex: string): number | undefined;
};

// 200 iterations, not rimWeights' 50: a sparse ward (one respondent in most bands) can take a
// hundred to match its margins to 1e-6, and a table of 14 cells makes each iteration cheap.
const RIM_OPTIONS = { maxIterations: 200, minWeight: 0.2, maxWeight: 5 } satisfies RimWeightingOptions;
const people = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "person" : "people"}`;
const describeCategory = (variable: string, key: string) => (variable === "ageBand" ? `age band as ${ageBandLabel(key)}` : `sex as ${sexLabel(key)}`);

/**
 * Rim weights for one ward over one reporting window: its responses that gave both age band and
 * sex, counted by the two (`sample`), raked to the ward's population by age band and by sex
 * (DOMAIN.md, "Weighting": Deming and Stephan 1940, weights capped at 0.2 to 5 times the mean,
 * at most 200 iterations, margins matched to within 1e-6). `margins` are the latest estimates on or before `year`, the calendar
 * year the window starts in.
 *
 * Where weighting is not possible the reason is returned, in words a CSP member can act on, and
 * the report shows the unweighted figure labelled with it: no estimates loaded for the ward, no
 * respondent in a band or sex that has people (an empty margin: the issue asks for a clear
 * failure, so cells are not collapsed), respondents in a band the estimates give nobody, or
 * weights that do not converge within the cap.
 */
export function weighWard(sample: readonly ClassCell[], margins: WardMargins | null, year: number): Result<WardWeights, string> {
  if (margins === null) return err(`no population estimates for ${year} or earlier are loaded for this ward`);
  const population = Object.values(margins.ageBand).reduce((sum, n) => sum + n, 0);
  if (population === 0 || Object.values(margins.sex).every((n) => n === 0)) return err(`the ${margins.year} population estimates give this ward nobody aged 16 or over`);
  const cells = sample.filter((cell) => cell.responses > 0);
  const respondents = cells.reduce((sum, cell) => sum + cell.responses, 0);
  if (respondents === 0) return err("no respondent gave both their age band and sex");
  const raked = rimWeightCells(cells.map((cell) => ({ categories: { ageBand: cell.ageBand, sex: cell.sex }, count: cell.responses })), { ageBand: margins.ageBand, sex: margins.sex }, RIM_OPTIONS);
  if (!raked.ok) {
    const problem = raked.error;
    if (problem.kind === "EmptyCell") {
      const size = (problem.variable === "ageBand" ? margins.ageBand : margins.sex)[problem.category] ?? 0;
      return err(`no respondent gave their ${describeCategory(problem.variable, problem.category)}, which has ${people(size)} in the ${margins.year} population estimates (an empty margin)`);
    }
    return err(`some respondents gave their ${describeCategory(problem.variable, problem.category ?? "")}, which has nobody in the ${margins.year} population estimates`);
  }
  const { weights, iterations, hasConverged, maxMarginError } = raked.value;
  if (!hasConverged) {
    const points = Number((maxMarginError * 100).toPrecision(2));
    return err(`the weights did not converge: after ${iterations} iterations, with each weight kept between ${RIM_OPTIONS.minWeight} and ${RIM_OPTIONS.maxWeight} times the average, the weighted responses still differ from the population by ${points} percentage points on one margin`);
  }
  const byClass = new Map(cells.map((cell, i) => [`${cell.ageBand}|${cell.sex}`, weights[i]!]));
  return ok({ year: margins.year, population, respondents, iterations, weightOf: (ageBand, sex) => byClass.get(`${ageBand}|${sex}`) });
}
