import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database, WardBoundary } from "~/lib/db/schema";

export type CurrentWard = { id: number; gssCode: string; name: string; nameCy: string | null };

// Boundary changes are recorded with dates, so "the wards" always means the wards on a date.
const inForce = (onDate: string) => (eb: ExpressionBuilder<Database, "ward">) =>
  eb.and([eb("ward.valid_from", "<=", onDate), eb.or([eb("ward.valid_to", "is", null), eb("ward.valid_to", ">", onDate)])]);

/** The wards in force on a date, in alphabetical order of name. */
export async function listCurrentWards(db: Kysely<Database>, onDate: string): Promise<CurrentWard[]> {
  const rows = await db.selectFrom("ward").select(["id", "gss_code", "name", "name_cy"]).where(inForce(onDate)).orderBy("name").execute();
  return rows.map((r) => ({ id: r.id, gssCode: r.gss_code, name: r.name, nameCy: r.name_cy }));
}

export async function listCurrentWardBoundaries(db: Kysely<Database>, onDate: string): Promise<(CurrentWard & { boundary: WardBoundary })[]> {
  const rows = await db.selectFrom("ward").select(["id", "gss_code", "name", "name_cy", "boundary"]).where(inForce(onDate)).orderBy("name").execute();
  return rows.map((r) => ({ id: r.id, gssCode: r.gss_code, name: r.name, nameCy: r.name_cy, boundary: r.boundary }));
}

export async function findCurrentWard(db: Kysely<Database>, gssCode: string, onDate: string): Promise<CurrentWard | null> {
  if (!/^[EWSN][0-9]{8}$/.test(gssCode)) return null;
  const row = await db
    .selectFrom("ward")
    .select(["id", "gss_code", "name", "name_cy"])
    .where("gss_code", "=", gssCode)
    .where(inForce(onDate))
    .executeTakeFirst();
  return row ? { id: row.id, gssCode: row.gss_code, name: row.name, nameCy: row.name_cy } : null;
}

export async function findWardById(db: Kysely<Database>, id: number): Promise<CurrentWard | null> {
  const row = await db.selectFrom("ward").select(["id", "gss_code", "name", "name_cy"]).where("id", "=", id).executeTakeFirst();
  return row ? { id: row.id, gssCode: row.gss_code, name: row.name, nameCy: row.name_cy } : null;
}
