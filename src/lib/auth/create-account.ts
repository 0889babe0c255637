import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { recordAuditEvent } from "./audit";
import { useOneTimeLink, type LinkProblem } from "./one-time-links";
import { hashPassword } from "./password";
import { checkNewPassword, type PasswordError } from "./password-policy";

export type NewAccount = { email: string; displayName: string; password: string };
export type CreateAccountProblem = LinkProblem | PasswordError | "EmailTaken" | "AdministratorExists";

/**
 * Creates an account from a first-administrator link or an invitation, using the link up in
 * the same transaction, so a link makes at most one account.
 */
export async function createAccountFromLink(
  db: Kysely<Database>,
  token: string,
  purpose: "first_administrator" | "invitation",
  account: NewAccount,
  now: Date,
): Promise<Result<{ id: number; email: string }, CreateAccountProblem>> {
  const email = account.email.trim().toLowerCase();
  const policy = checkNewPassword(account.password, { email });
  if (!policy.ok) return err(policy.error);
  // Hash before the transaction: argon2 takes tens of milliseconds and must not hold a lock.
  const passwordHash = await hashPassword(account.password);

  return db.transaction().execute(async (trx) => {
    const link = await useOneTimeLink(trx, token, purpose, now);
    if (!link.ok) return link;
    if (purpose === "first_administrator") {
      const admin = await trx.selectFrom("app_user").select("id").where("role", "=", "administrator").executeTakeFirst();
      if (admin) return err("AdministratorExists" as const);
    }
    const finalEmail = link.value.email ?? email;
    const taken = await trx.selectFrom("app_user").select("id").where("email", "=", finalEmail).executeTakeFirst();
    if (taken) return err("EmailTaken" as const);
    const user = await trx
      .insertInto("app_user")
      .values({ email: finalEmail, display_name: account.displayName.trim(), role: link.value.role, password_hash: passwordHash, totp_key: null, totp_last_used_step: null })
      .returning(["id", "email"])
      .executeTakeFirstOrThrow();
    if (link.value.partner_source_ids.length > 0) {
      await trx
        .insertInto("user_partner_source")
        .values(link.value.partner_source_ids.map((partnerSourceId) => ({ user_id: user.id, partner_source_id: partnerSourceId })))
        .execute();
    }
    await recordAuditEvent(trx, {
      actor: { id: user.id, email: user.email },
      action: purpose === "first_administrator" ? "first_administrator_created" : "invitation_accepted",
      object: { type: "user", id: user.id },
      detail: { role: link.value.role },
    });
    return ok(user);
  });
}
