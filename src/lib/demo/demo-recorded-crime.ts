import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { ANTI_SOCIAL_BEHAVIOUR } from "~/lib/crime/crime-types";
import type { Database } from "~/lib/db/schema";
import type { WardPlan } from "./demo-plan";
import { DEMO_FORCE } from "./demo-markers";
import { pickWeighted, type Random } from "./pseudo-random";

// Roughly the mix of a rural force's street-level file (West Mercia's, 2024): violence and
// anti-social behaviour the most common, then theft, damage and public order.
const MIX: readonly (readonly [string, number])[] = [
  ["Violence and sexual offences", 34], ["Other theft", 9], ["Criminal damage and arson", 9], ["Public order", 9],
  ["Shoplifting", 8], ["Burglary", 5], ["Vehicle crime", 5], ["Drugs", 3], ["Other crime", 2], ["Bicycle theft", 1],
  ["Theft from the person", 1], ["Robbery", 1], ["Possession of weapons", 1],
];

export type DemoRecordedCrime = { months: string[]; crimes: number; antiSocialBehaviour: number };

/**
 * One made-up load of street-level recorded crime for a force of the demo's own name, for every
 * month of the demo's quarters that has ended, in every ward. City wards (the bigger samples)
 * get more crime. Recorded crime stays level in the planted wards while feeling safe falls, so
 * the worry-and-crime view has a gap to show. Its own random stream, so the responses stay the
 * same whatever is drawn here.
 */
export async function insertDemoRecordedCrime(
  trx: Transaction<Database>,
  random: Random,
  plans: readonly WardPlan[],
  quarterStarts: readonly string[],
  today: string,
): Promise<DemoRecordedCrime> {
  const months = monthsFrom(quarterStarts[0]!, today);
  if (months.length === 0) return { months, crimes: 0, antiSocialBehaviour: 0 };
  const counts: { ward_id: number; month: string; crime_type: string; count: number }[] = [];
  for (const plan of plans) {
    const averageSize = plan.sizes.reduce((sum, n) => sum + n, 0) / plan.sizes.length;
    const crimesPerMonth = 4 + averageSize * (0.2 + 0.2 * random());
    for (const month of months) {
      const byType = new Map<string, number>();
      const crimes = poisson(random, crimesPerMonth);
      for (let i = 0; i < crimes; i++) {
        const type = pickWeighted(random, MIX);
        byType.set(type, (byType.get(type) ?? 0) + 1);
      }
      byType.set(ANTI_SOCIAL_BEHAVIOUR, poisson(random, crimesPerMonth * 0.4));
      for (const [crimeType, count] of byType) if (count > 0) counts.push({ ward_id: plan.wardId, month: `${month}-01`, crime_type: crimeType, count });
    }
  }
  const placed = counts.reduce((sum, c) => sum + c.count, 0);
  const fileName = `demo-${months[0]}-to-${months.at(-1)}-street.csv`;
  const batch = await trx.insertInto("recorded_crime_batch").values({
    force: DEMO_FORCE, months, file_names: [fileName],
    file_sha256s: [createHash("sha256").update(`demo ${fileName}`).digest("hex")], // made up: there is no file
    loaded_by: null, rows_read: placed, rows_placed: placed, rows_without_location: 0, rows_outside_area: 0,
  }).returning("id").executeTakeFirstOrThrow();
  await trx.insertInto("recorded_crime_month").values(months.map((month) => ({ force: DEMO_FORCE, month: `${month}-01`, batch_id: batch.id }))).execute();
  for (let at = 0; at < counts.length; at += 1000) {
    await trx.insertInto("recorded_crime_count").values(counts.slice(at, at + 1000).map((c) => ({ ...c, batch_id: batch.id }))).execute();
  }
  const antiSocialBehaviour = counts.filter((c) => c.crime_type === ANTI_SOCIAL_BEHAVIOUR).reduce((sum, c) => sum + c.count, 0);
  return { months, crimes: placed - antiSocialBehaviour, antiSocialBehaviour };
}

/** 'YYYY-MM' from `first`'s month to the last month that ended before `today`. */
function monthsFrom(first: string, today: string): string[] {
  const months: string[] = [];
  for (let at = new Date(`${first.slice(0, 7)}-01T00:00:00Z`); at.toISOString().slice(0, 7) < today.slice(0, 7); at.setUTCMonth(at.getUTCMonth() + 1)) {
    months.push(at.toISOString().slice(0, 7));
  }
  return months;
}

/** A Poisson draw (Knuth's method: fine for the demo's means, well under 100). */
function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}
