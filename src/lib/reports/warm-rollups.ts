import type { Kysely } from "kysely";
import type { Comparability, Database } from "~/lib/db/schema";
import { listIndicatorDefinitions } from "./indicator-definition";
import { ensureRollups, rollupLayout } from "./response-rollups";
import { listWeightingClasses } from "./weighting-classes";

/** The two sets of grades a report can count (report-request.ts); every report's suppression plan counts both. */
const WORDINGS: Comparability[][] = [["same", "equivalent"], ["same"]];

/**
 * Rolls up the responses of the given periods for both of the reports' layouts, so that the
 * first report after a large import does not pay for rolling up its responses while a board
 * member waits. Run after the import is saved; the import stands whether or not this succeeds.
 */
export async function warmReportRollups(db: Kysely<Database>, periodIds: readonly number[]): Promise<void> {
  const [indicators, classes] = await Promise.all([listIndicatorDefinitions(db), listWeightingClasses(db)]);
  for (const grades of WORDINGS) {
    await ensureRollups(db, rollupLayout(indicators.filter((i) => i.questionIds.length > 0), grades, classes), periodIds, grades, classes);
  }
}
