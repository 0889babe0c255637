import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

/** A national figure to set beside a local one: never a target, and from a different survey. */
export type NationalFigure = {
  indicatorKey: string;
  /** A percentage, 0 to 100, as published. */
  percent: number;
  /** The survey year as published, e.g. "year ending March 2025". */
  period: string;
  /** The publication it comes from, named so that anyone can check it. */
  source: string;
  sourceUrl: string | null;
};

/** The survey every national figure comes from, and the area it covers (DOMAIN.md). */
export const NATIONAL_SURVEY = "Crime Survey for England and Wales";
export const NATIONAL_AREA = "England and Wales";

/** Figures by indicator key, as readNationalFigures gives them. */
export type NationalFigures = ReadonlyMap<string, NationalFigure>;

/**
 * The latest CSEW figures for England and Wales an administrator has recorded, one per standard
 * indicator. None ship with the product: shared/DOMAIN.md gives no values, and a national
 * figure copied unchecked beside a ward is worse than none, so the administrator copies each from
 * the ONS publication and names it. A local indicator never has one, even if a row survives a
 * change of its standing.
 */
export async function readNationalFigures(db: Kysely<Database>): Promise<NationalFigures> {
  const rows = await db.selectFrom("national_figure as f").innerJoin("indicator as i", "i.id", "f.indicator_id")
    .select(["i.key", "f.percent", "f.period", "f.source", "f.source_url"])
    .where("i.is_national", "=", true)
    .execute();
  return new Map(rows.map((r) => [r.key, { indicatorKey: r.key, percent: Number(r.percent), period: r.period, source: r.source, sourceUrl: r.source_url }]));
}

/** The national figure for an indicator, or null when none is recorded. */
export const nationalFigureFor = (indicatorKey: string, figures: NationalFigures): NationalFigure | null => figures.get(indicatorKey) ?? null;
