import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

export type LocalAreaSummary = {
  gssCode: string;
  name: string;
  partnershipName: string;
  attribution: string[];
  wardsInForce: number;
  /** The first date after `onDate` on which any of the area's wards starts or ends, if one is recorded. */
  nextChange: string | null;
};

/** Every configured local area, with how many wards are in force on a date and when they next change. */
export async function listLocalAreas(db: Kysely<Database>, onDate: string): Promise<LocalAreaSummary[]> {
  const areas = await db.selectFrom("local_area").select(["id", "gss_code", "name", "partnership_name", "boundary_attribution"]).orderBy("id").execute();
  const wards = await db.selectFrom("ward").select(["local_area_id", "valid_from", "valid_to"]).execute();
  return areas.map((area) => {
    const own = wards.filter((ward) => ward.local_area_id === area.id);
    // Both drivers read dates as 'YYYY-MM-DD' text (client.ts), so strings compare in date order.
    const inForce = own.filter((ward) => String(ward.valid_from) <= onDate && (ward.valid_to === null || String(ward.valid_to) > onDate));
    const later = own.flatMap((ward) => [String(ward.valid_from), ...(ward.valid_to === null ? [] : [String(ward.valid_to)])]).filter((date) => date > onDate).sort();
    return {
      gssCode: area.gss_code,
      name: area.name,
      partnershipName: area.partnership_name,
      attribution: area.boundary_attribution.split("\n"),
      wardsInForce: inForce.length,
      nextChange: later[0] ?? null,
    };
  });
}
