import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { issueOneTimeLink } from "./one-time-links";

/**
 * There is no default password: while no administrator exists, each start-up issues a fresh
 * single-use set-up link (valid 24 hours) and withdraws any earlier unused one.
 * Returns the link's token, or null when an administrator already exists.
 */
export async function issueSetupLinkIfNoAdministrator(db: Kysely<Database>, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const admin = await trx.selectFrom("app_user").select("id").where("role", "=", "administrator").executeTakeFirst();
    if (admin) return null;
    await trx.deleteFrom("one_time_link").where("purpose", "=", "first_administrator").where("used_at", "is", null).execute();
    return issueOneTimeLink(trx, { purpose: "first_administrator", role: "administrator", email: null, partnerSourceIds: [], createdBy: null }, now);
  });
}
