import { defineMiddleware } from "astro:middleware";
import { getDb } from "~/lib/db/app-database";
import { validateAuthSession } from "./auth-session";
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from "./cookie";

/** Validates the session cookie once per request and puts the user on locals. Decides no access. */
export const authentication = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.authSession = null;
  context.locals.pendingTwoFactor = null;
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const validated = await validateAuthSession(await getDb(), token, new Date());
    if (validated === null) {
      deleteSessionCookie(context.cookies, context.url);
    } else {
      setSessionCookie(context.cookies, context.url, token, validated.session.expiresAt);
      if (validated.session.isTwoFactorVerified) {
        context.locals.user = validated.user;
        context.locals.authSession = validated.session;
      } else {
        context.locals.pendingTwoFactor = validated;
      }
    }
  }
  return next();
});
