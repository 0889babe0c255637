import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import type { PartnerSource } from "./list-partner-sources";

/** The partner sources a staff member works for: an officer's own, or every one for an administrator. */
export async function partnerSourcesFor(db: Kysely<Database>, user: SessionUser | null): Promise<PartnerSource[]> {
  if (user === null || user.role === "csp_member") return [];
  let query = db.selectFrom("partner_source").select(["partner_source.id", "partner_source.name", "partner_source.agency"]).orderBy("partner_source.name");
  if (user.role === "engagement_officer") {
    query = query.innerJoin("user_partner_source", "user_partner_source.partner_source_id", "partner_source.id").where("user_partner_source.user_id", "=", user.id);
  }
  return query.execute();
}
