import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

export type AreaSummary = {
  name: string;
  partnershipName: string;
  attribution: string[];
  wardCount: number;
};

/** The configured local areas with their current ward counts, for headers, footers and the home page. */
export async function describeArea(db: Kysely<Database>, onDate: string): Promise<AreaSummary | null> {
  const row = await db
    .selectFrom("local_area")
    .leftJoin("ward", (join) =>
      join
        .onRef("ward.local_area_id", "=", "local_area.id")
        .on("ward.valid_from", "<=", onDate)
        .on((eb) => eb.or([eb("ward.valid_to", "is", null), eb("ward.valid_to", ">", onDate)])),
    )
    .select((eb) => [
      "local_area.name",
      "local_area.partnership_name",
      "local_area.boundary_attribution",
      eb.fn.count<number>("ward.id").as("ward_count"),
    ])
    .groupBy(["local_area.id", "local_area.name", "local_area.partnership_name", "local_area.boundary_attribution"])
    .orderBy("local_area.id")
    .executeTakeFirst();
  if (!row) return null;
  return {
    name: row.name,
    partnershipName: row.partnership_name,
    attribution: row.boundary_attribution.split("\n"),
    wardCount: Number(row.ward_count),
  };
}
