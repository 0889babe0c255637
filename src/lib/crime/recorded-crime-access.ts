import type { Kysely } from "kysely";
import type { Role } from "~/lib/auth/roles";
import type { Database } from "~/lib/db/schema";

/**
 * Who may load and undo recorded crime: administrators, and engagement officers who work for a
 * police partner source, since the files are a police force's. The page's route declaration
 * admits officers; this narrows it to police ones.
 */
export async function canLoadRecordedCrime(db: Kysely<Database>, user: { id: number; role: Role } | null): Promise<boolean> {
  if (user === null) return false;
  if (user.role === "administrator") return true;
  if (user.role !== "engagement_officer") return false;
  const police = await db
    .selectFrom("user_partner_source")
    .innerJoin("partner_source", "partner_source.id", "user_partner_source.partner_source_id")
    .select("partner_source.id")
    .where("user_partner_source.user_id", "=", user.id)
    .where("partner_source.agency", "=", "police")
    .executeTakeFirst();
  return police !== undefined;
}
