import type { APIRoute } from "astro";
import { invalidateAuthSession } from "~/lib/auth/auth-session";
import { recordAuditEvent } from "~/lib/auth/audit";
import { deleteSessionCookie } from "~/lib/auth/cookie";
import type { RouteAccess } from "~/lib/auth/roles";
import { getDb } from "~/lib/db/app-database";

// Anyone may sign out, including someone half way through two-factor sign-in.
export const access = { public: true } satisfies RouteAccess;

export const POST: APIRoute = async ({ locals, cookies, url, redirect }) => {
  const signedIn = locals.authSession ?? locals.pendingTwoFactor?.session ?? null;
  const user = locals.user ?? locals.pendingTwoFactor?.user ?? null;
  if (signedIn && user) {
    const db = await getDb();
    await invalidateAuthSession(db, signedIn.id);
    await recordAuditEvent(db, { actor: { id: user.id, email: user.email }, action: "sign_out" });
  }
  deleteSessionCookie(cookies, url);
  return redirect("/sign-in?signedOut=1", 303);
};
