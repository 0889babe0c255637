import { defineMiddleware } from "astro:middleware";
import { accessForRoute } from "./route-access";
import { isAllowed } from "./roles";

// Routes an administrator may use before setting up two-factor authentication, which
// administrators must have.
const BEFORE_TWO_FACTOR = new Set(["/account/two-factor", "/sign-out"]);

/** Refuses a request before its page runs unless the route's own declaration allows it. */
export const authorisation = defineMiddleware((context, next) => {
  const access = accessForRoute(context.routePattern);
  const isApi = context.url.pathname.startsWith("/api/");
  if (access === undefined) {
    console.error(`Refused ${context.routePattern}: the route declares no access (export const access = …)`);
    return isApi ? jsonError(403, "forbidden", "This address is not available.") : context.rewrite("/forbidden");
  }
  const { user } = context.locals;
  switch (isAllowed(access, user)) {
    case "allowed":
      if (user?.role === "administrator" && !user.hasTwoFactor && !("public" in access) && !BEFORE_TWO_FACTOR.has(context.routePattern)) {
        return context.redirect("/account/two-factor", 303);
      }
      return next();
    case "sign_in_required": {
      if (isApi) return jsonError(401, "sign_in_required", "Sign in to use this address.");
      if (context.locals.pendingTwoFactor) return context.redirect("/sign-in/two-factor", 303);
      const returnTo = context.request.method === "GET" ? `?returnTo=${encodeURIComponent(context.url.pathname + context.url.search)}` : "";
      return context.redirect(`/sign-in${returnTo}`, 303);
    }
    case "forbidden":
      return isApi ? jsonError(403, "forbidden", "Your role does not allow this.") : context.rewrite("/forbidden");
  }
});

const jsonError = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });
