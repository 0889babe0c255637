import { STANDARD_INDICATORS } from "~/lib/surveys/standard-indicators";

/** A national figure to set beside a local one: never a target, and from a different survey. */
export type NationalFigure = {
  indicatorKey: string;
  /** A percentage, 0 to 100, as published. */
  percent: number;
  /** The survey year as published, e.g. "year ending March 2025". */
  period: string;
  /** The publication it comes from, named so that anyone can check it. */
  source: string;
};

/** The survey every national figure comes from, and the area it covers (DOMAIN.md). */
export const NATIONAL_SURVEY = "Crime Survey for England and Wales";
export const NATIONAL_AREA = "England and Wales";

/**
 * The latest CSEW figures for England and Wales, one per standard indicator, copied from
 * shared/DOMAIN.md with their year and source. DOMAIN.md records none yet (it says a figure
 * "may be shown", without giving one), so the list is empty and the pages show no national
 * figure. A figure goes in here only once DOMAIN.md records it: never one looked up elsewhere
 * and unchecked, because a wrong national figure beside a ward is worse than none.
 */
export const NATIONAL_FIGURES: readonly NationalFigure[] = [];

const STANDARD_KEYS = new Set(STANDARD_INDICATORS.map((i) => i.key));

/** The national figure for an indicator, or null when none is recorded (local indicators never have one). */
export function nationalFigureFor(indicatorKey: string, figures: readonly NationalFigure[] = NATIONAL_FIGURES): NationalFigure | null {
  if (!STANDARD_KEYS.has(indicatorKey)) return null;
  return figures.find((f) => f.indicatorKey === indicatorKey) ?? null;
}
