import type { Kysely, Transaction } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { PlanInput } from "./plan-boundary-change";

export type RecordedArea = { id: number; gssCode: string; name: string };

/** What planBoundaryChange needs to know about a local area (null when it is not set up yet). */
export type RecordedAreaWards = Pick<PlanInput, "recorded" | "latestRecordedDate" | "codesInOtherAreas"> & { localArea: RecordedArea | null };

/**
 * The area's wards with no end date, the latest date any of its wards starts or ends on, and the
 * ward codes of every other area. Other areas' ended wards count too: ONS never gives one code to
 * wards in two local authorities, so a clash means the file is for somewhere else.
 */
export async function findRecordedAreaWards(db: Kysely<Database> | Transaction<Database>, gssCode: string): Promise<RecordedAreaWards> {
  const area = await db.selectFrom("local_area").select(["id", "gss_code", "name"]).where("gss_code", "=", gssCode).executeTakeFirst();
  const others = await db
    .selectFrom("ward")
    .innerJoin("local_area", "local_area.id", "ward.local_area_id")
    .select(["ward.gss_code", "local_area.name"])
    .where("local_area.gss_code", "!=", gssCode)
    .execute();
  const codesInOtherAreas = new Map(others.map((row) => [row.gss_code, row.name]));
  if (!area) return { localArea: null, recorded: [], latestRecordedDate: null, codesInOtherAreas };

  const rows = await db
    .selectFrom("ward")
    .select(["id", "gss_code", "name", "boundary", "valid_from", "valid_to"])
    .where("local_area_id", "=", area.id)
    .execute();
  // Both drivers read dates as 'YYYY-MM-DD' text (client.ts), so strings compare in date order.
  const dates = rows.flatMap((row) => [String(row.valid_from), ...(row.valid_to === null ? [] : [String(row.valid_to)])]);
  return {
    localArea: { id: area.id, gssCode: area.gss_code, name: area.name },
    recorded: rows.filter((row) => row.valid_to === null).map((row) => ({ id: row.id, gssCode: row.gss_code, name: row.name, boundary: row.boundary })),
    latestRecordedDate: dates.length === 0 ? null : dates.reduce((a, b) => (a > b ? a : b)),
    codesInOtherAreas,
  };
}
