import { sql, type Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { CurrentWard } from "~/lib/geography/current-wards";
import { countIndicators, type IndicatorCount } from "./indicator-counts";
import { listIndicatorDefinitions } from "./indicator-definition";
import { listPeriods } from "./reporting-windows";
import { planSuppression, type SuppressionPlan } from "./suppression-plan";

/** Plans kept per database: one per state of the data a report has lately been read in. */
const PLANS_KEPT = 4;
const cache = new WeakMap<Kysely<Database>, Map<string, Promise<Map<number, SuppressionPlan>>>>();

/**
 * The suppression plan of every indicator in the bank (suppression-plan.ts), by indicator id.
 * A plan covers every period in every wording, so building one counts everything; it is kept,
 * in this process, against exactly what it was built from: the wards and threshold asked for,
 * the periods, the indicators' definitions, and a fingerprint of the responses and aggregate
 * returns (how many there are and the newest), which any import, undo, web response, retention
 * run or demo load changes. Responses and answers are never edited in place; the one change that
 * moves them between periods (a new reporting year) relabels the periods, which the key holds.
 */
export async function readSuppressionPlans(db: Kysely<Database>, wards: readonly CurrentWard[], threshold: number): Promise<Map<number, SuppressionPlan>> {
  const [periods, indicators, fingerprint] = await Promise.all([listPeriods(db), listIndicatorDefinitions(db), fingerprintOf(db)]);
  const key = JSON.stringify({ wards: wards.map((w) => w.id), threshold, periods, indicators, fingerprint });
  let plans = cache.get(db);
  if (!plans) cache.set(db, (plans = new Map()));
  const kept = plans.get(key);
  if (kept) return kept;
  const building = (async () => {
    const periodIds = periods.map((p) => p.id);
    // On PostgreSQL the two statements run at once, on two connections; PGlite takes them in turn.
    const [narrow, wide] = await Promise.all([
      countIndicators(db, indicators, { periodIds, comparability: ["same"] }),
      countIndicators(db, indicators, { periodIds, comparability: ["same", "equivalent"] }),
    ]);
    const counts = { own: byIndicator(narrow.web), narrow: byIndicator(narrow.all), wide: byIndicator(wide.all), partnersNarrow: byIndicator(narrow.partners), partnersWide: byIndicator(wide.partners) };
    return new Map(indicators.map((i) => [i.id, planSuppression(wards, periods, {
      own: counts.own(i.id), narrow: counts.narrow(i.id), wide: counts.wide(i.id), partnersNarrow: counts.partnersNarrow(i.id), partnersWide: counts.partnersWide(i.id),
    }, threshold)]));
  })();
  plans.set(key, building);
  building.catch(() => plans.delete(key));
  while (plans.size > PLANS_KEPT) plans.delete(plans.keys().next().value!);
  return building;
}

/** Drops the plans kept for a database, so that the next report builds them afresh (the bench times that). */
export function forgetSuppressionPlans(db: Kysely<Database>): void {
  cache.delete(db);
}

async function fingerprintOf(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ fingerprint: string }>`
    select concat_ws(':',
      (select count(*) from survey_response), (select max(id) from survey_response),
      (select count(*) from aggregate_count), (select max(import_batch_id) from aggregate_count), (select sum(count) from aggregate_count)
    ) as fingerprint`.execute(db);
  return rows[0]!.fingerprint;
}

/** An indicator's counts, by its id, from counts of many. */
function byIndicator(counts: readonly IndicatorCount[]): (indicatorId: number) => IndicatorCount[] {
  const grouped = new Map<number, IndicatorCount[]>();
  for (const count of counts) {
    const list = grouped.get(count.indicatorId);
    if (list) list.push(count);
    else grouped.set(count.indicatorId, [count]);
  }
  return (indicatorId) => grouped.get(indicatorId) ?? [];
}
