import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

/**
 * The local areas with at least one ward in force at some time from `firstDay` to `lastDay`, so a
 * table for a period is named after the areas it covers, not after boundaries loaded for later.
 */
export async function localAreasInForce(db: Kysely<Database>, firstDay: string, lastDay: string): Promise<{ name: string; gssCode: string }[]> {
  const rows = await db
    .selectFrom("local_area")
    .select(["local_area.name", "local_area.gss_code"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("ward")
          .select("ward.id")
          .whereRef("ward.local_area_id", "=", "local_area.id")
          .where("ward.valid_from", "<=", lastDay)
          .where((w) => w.or([w("ward.valid_to", "is", null), w("ward.valid_to", ">", firstDay)])),
      ),
    )
    .orderBy("local_area.id")
    .execute();
  return rows.map((r) => ({ name: r.name, gssCode: r.gss_code }));
}
