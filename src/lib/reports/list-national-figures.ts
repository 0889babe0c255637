import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { readNationalFigures, type NationalFigure } from "./national-figures";

export type StandardIndicatorFigure = { key: string; title: string; figure: NationalFigure | null };

/** Every standard indicator, in the order reports list them, with its national figure if one is recorded. */
export async function listNationalFigures(db: Kysely<Database>): Promise<StandardIndicatorFigure[]> {
  const [indicators, figures] = await Promise.all([
    db.selectFrom("indicator").select(["key", "title"]).where("is_national", "=", true).orderBy("id").execute(),
    readNationalFigures(db),
  ]);
  return indicators.map((i) => ({ key: i.key, title: i.title, figure: figures.get(i.key) ?? null }));
}
