import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { DEMO_SURVEY_SLUG } from "./demo-markers";

/** Reports say so plainly when synthetic demo data is mixed into the figures. */
export async function isDemoLoaded(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("survey").select("id").where("slug", "=", DEMO_SURVEY_SLUG).executeTakeFirst()) !== undefined;
}
