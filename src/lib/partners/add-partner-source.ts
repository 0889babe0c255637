import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

export const AGENCIES = ["police", "council", "fire_and_rescue", "health", "housing", "probation", "other"] as const;
export const AGENCY_NAMES: Record<(typeof AGENCIES)[number], string> = {
  police: "Police",
  council: "Council",
  fire_and_rescue: "Fire and rescue",
  health: "Health",
  housing: "Housing",
  probation: "Probation",
  other: "Other",
};

export const partnerSourceSchema = z.object({
  name: z.string().trim().min(1, { error: "Enter the partner source's name" }).max(120, { error: "Name must be 120 characters or fewer" }),
  agency: z.enum(AGENCIES, { error: "Select the kind of agency" }),
  tool: z.string().trim().max(120, { error: "Survey tool must be 120 characters or fewer" }).optional().transform((t) => (t ? t : null)),
});
export type NewPartnerSource = z.infer<typeof partnerSourceSchema>;

/** A partner agency and the engagement tool it exports from; imports keep it as provenance. */
export async function addPartnerSource(
  db: Kysely<Database>,
  administrator: SessionUser,
  source: NewPartnerSource,
): Promise<Result<number, "NameTaken">> {
  return db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto("partner_source")
      .values(source)
      .onConflict((oc) => oc.column("name").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!added) return err("NameTaken" as const);
    await recordAuditEvent(trx, {
      actor: { id: administrator.id, email: administrator.email },
      action: "partner_source_added",
      object: { type: "partner_source", id: added.id },
      detail: { name: source.name },
    });
    return ok(added.id);
  });
}
