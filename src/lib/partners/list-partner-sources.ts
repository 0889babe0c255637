import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

export type PartnerSource = { id: number; name: string; agency: string };

export async function listPartnerSources(db: Kysely<Database>): Promise<PartnerSource[]> {
  return db.selectFrom("partner_source").select(["id", "name", "agency"]).orderBy("name").execute();
}
