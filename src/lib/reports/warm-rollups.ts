import type { Kysely } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { listIndicatorDefinitions } from "./indicator-definition";
import { ensureRollups, rollupLayout } from "./response-rollups";
import { listWeightingClasses } from "./weighting-classes";

/** The grades a report counts unless the reader chooses otherwise (report-request.ts). */
const DEFAULT_GRADES: Comparability[] = ["same", "equivalent"];

/**
 * Rolls up the responses of the given periods for the reports' default layout, so that the
 * first report after a large import does not pay for rolling up its responses while a board
 * member waits. Run after the import is saved; the import stands whether or not this succeeds.
 */
export async function warmReportRollups(db: Kysely<Database>, periodIds: readonly number[]): Promise<void> {
  const [indicators, classes] = await Promise.all([listIndicatorDefinitions(db), listWeightingClasses(db)]);
  const layout = rollupLayout(indicators.filter((i) => i.questionIds.length > 0), DEFAULT_GRADES, classes);
  await ensureRollups(db, layout, periodIds, DEFAULT_GRADES, classes);
}
