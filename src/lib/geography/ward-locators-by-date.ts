import type { Kysely } from "kysely";
import type { Database, WardBoundary } from "~/lib/db/schema";
import { buildWardLocator, type WardLocator } from "./ward-locator";

export type DatedWard = { id: number; gssCode: string; name: string; boundary: WardBoundary; validFrom: string; validTo: string | null };

/** Every ward ever recorded, with its dates, in the order listCurrentWardBoundaries uses (by name). */
export async function listDatedWards(db: Kysely<Database>): Promise<DatedWard[]> {
  const rows = await db.selectFrom("ward").select(["id", "gss_code", "name", "boundary", "valid_from", "valid_to"]).orderBy("name").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id, gssCode: r.gss_code, name: r.name, boundary: r.boundary,
    validFrom: String(r.valid_from), validTo: r.valid_to === null ? null : String(r.valid_to),
  }));
}

/**
 * A ward locator for the wards in force on a date ('YYYY-MM-DD'), or null when none are. The
 * grid is built once for each set of wards: months either side of a boundary change get their
 * own, and every month with the same wards shares one.
 */
export function wardLocatorsByDate(wards: readonly DatedWard[]): (onDate: string) => WardLocator<number> | null {
  const built = new Map<string, WardLocator<number> | null>();
  return (onDate) => {
    const inForce = wards.filter((ward) => ward.validFrom <= onDate && (ward.validTo === null || ward.validTo > onDate));
    const key = inForce.map((ward) => ward.id).join(",");
    if (!built.has(key)) built.set(key, inForce.length === 0 ? null : buildWardLocator(inForce));
    return built.get(key)!;
  };
}
