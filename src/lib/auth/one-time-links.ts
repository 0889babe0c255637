import type { Kysely, Transaction } from "kysely";
import type { Database, OneTimeLinkTable } from "~/lib/db/schema";
import type { Selectable } from "kysely";
import { err, ok, type Result } from "~/lib/result";
import { generateLinkToken, hashLinkToken, LINK_TOKEN_VALIDITY_MS } from "./one-time-token";
import type { Role } from "./roles";

export type OneTimeLink = Selectable<OneTimeLinkTable>;
export type LinkProblem = "LinkNotFound" | "LinkExpired" | "LinkUsed";

export async function issueOneTimeLink(
  db: Kysely<Database> | Transaction<Database>,
  link: { purpose: OneTimeLink["purpose"]; role: Role; email: string | null; partnerSourceIds: number[]; createdBy: number | null },
  now: Date,
): Promise<string> {
  const token = generateLinkToken();
  const validity = LINK_TOKEN_VALIDITY_MS[link.purpose === "first_administrator" ? "setup" : "invitation"];
  await db
    .insertInto("one_time_link")
    .values({
      token_hash: hashLinkToken(token),
      purpose: link.purpose,
      role: link.role,
      email: link.email,
      partner_source_ids: link.partnerSourceIds,
      created_by: link.createdBy,
      expires_at: new Date(now.getTime() + validity),
    })
    .execute();
  return token;
}

/** Looks a link up without using it, to decide which page to show. */
export async function findOneTimeLink(
  db: Kysely<Database>,
  token: string,
  purpose: OneTimeLink["purpose"],
  now: Date,
): Promise<Result<OneTimeLink, LinkProblem>> {
  const link = await db
    .selectFrom("one_time_link")
    .selectAll()
    .where("token_hash", "=", hashLinkToken(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  if (!link) return err("LinkNotFound");
  if (link.used_at !== null) return err("LinkUsed");
  if (link.expires_at.getTime() <= now.getTime()) return err("LinkExpired");
  return ok(link);
}

/**
 * Uses a link exactly once: the update succeeds for one request only, however many arrive
 * together, because it is conditional on the link still being unused.
 */
export async function useOneTimeLink(
  trx: Transaction<Database>,
  token: string,
  purpose: OneTimeLink["purpose"],
  now: Date,
): Promise<Result<OneTimeLink, LinkProblem>> {
  const used = await trx
    .updateTable("one_time_link")
    .set({ used_at: now })
    .where("token_hash", "=", hashLinkToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returningAll()
    .executeTakeFirst();
  if (used) return ok(used);
  const why = await findOneTimeLink(trx, token, purpose, now);
  return err(why.ok ? "LinkUsed" : why.error);
}
