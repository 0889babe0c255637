import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { recordAuditEvent } from "./audit";
import type { SessionUser } from "./auth-session";
import { issueOneTimeLink } from "./one-time-links";
import type { Role } from "./roles";

export type StaffAccount = {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  partnerSources: string[];
  hasTwoFactor: boolean;
  isDisabled: boolean;
};

export async function listStaffAccounts(db: Kysely<Database>): Promise<StaffAccount[]> {
  const users = await db
    .selectFrom("app_user")
    .leftJoin("user_partner_source", "user_partner_source.user_id", "app_user.id")
    .leftJoin("partner_source", "partner_source.id", "user_partner_source.partner_source_id")
    .select((eb) => [
      "app_user.id",
      "app_user.email",
      "app_user.display_name",
      "app_user.role",
      "app_user.disabled_at",
      eb("app_user.totp_key", "is not", null).as("has_two_factor"),
      eb.fn.agg<(string | null)[]>("array_agg", ["partner_source.name"]).as("partner_sources"),
    ])
    .groupBy("app_user.id")
    .orderBy("app_user.email")
    .execute();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    partnerSources: u.partner_sources.filter((name): name is string => name !== null),
    hasTwoFactor: Boolean(u.has_two_factor),
    isDisabled: u.disabled_at !== null,
  }));
}

export type Invitation = { email: string; role: Role; partnerSourceIds: number[] };

/** Issues an invitation link, to be shown once to the administrator who asked for it. */
export async function inviteStaff(
  db: Kysely<Database>,
  administrator: SessionUser,
  invitation: Invitation,
  now: Date,
): Promise<Result<string, "EmailTaken" | "PartnerSourceRequired">> {
  const email = invitation.email.trim().toLowerCase();
  if (invitation.role === "engagement_officer" && invitation.partnerSourceIds.length === 0) return err("PartnerSourceRequired");
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirst();
    if (taken) return err("EmailTaken" as const);
    const token = await issueOneTimeLink(
      trx,
      {
        purpose: "invitation",
        role: invitation.role,
        email,
        partnerSourceIds: invitation.role === "engagement_officer" ? invitation.partnerSourceIds : [],
        createdBy: administrator.id,
      },
      now,
    );
    await recordAuditEvent(trx, {
      actor: { id: administrator.id, email: administrator.email },
      action: "invitation_created",
      object: { type: "invitation", id: email },
      detail: { role: invitation.role },
    });
    return ok(token);
  });
}

/** Changes a staff member's role; an administrator cannot demote the last administrator. */
export async function changeRole(
  db: Kysely<Database>,
  administrator: SessionUser,
  userId: number,
  role: Role,
): Promise<Result<void, "UserNotFound" | "LastAdministrator">> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("app_user").select(["id", "email", "role"]).where("id", "=", userId).forUpdate().executeTakeFirst();
    if (!user) return err("UserNotFound" as const);
    if (user.role === "administrator" && role !== "administrator") {
      const admins = await trx.selectFrom("app_user").select("id").where("role", "=", "administrator").where("disabled_at", "is", null).execute();
      if (admins.length <= 1) return err("LastAdministrator" as const);
    }
    await trx.updateTable("app_user").set({ role }).where("id", "=", userId).execute();
    // A role change takes effect now, not when the person next signs in.
    await trx.deleteFrom("auth_session").where("user_id", "=", userId).execute();
    await recordAuditEvent(trx, {
      actor: { id: administrator.id, email: administrator.email },
      action: "role_changed",
      object: { type: "user", id: userId },
      detail: { from: user.role, to: role, email: user.email },
    });
    return ok(undefined);
  });
}
