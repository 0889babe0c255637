import type { APIRoute } from "astro";
import { invalidateUserSessions } from "~/lib/auth/auth-session";
import { recordAuditEvent } from "~/lib/auth/audit";
import { STAFF } from "~/lib/auth/staff";
import { getDb } from "~/lib/db/app-database";

export const access = STAFF;

export const POST: APIRoute = async ({ locals, redirect }) => {
  const user = locals.user!;
  const db = await getDb();
  await invalidateUserSessions(db, user.id, locals.authSession!.id);
  await recordAuditEvent(db, { actor: { id: user.id, email: user.email }, action: "sign_out_everywhere" });
  return redirect("/account?signedOutElsewhere=1", 303);
};
