import type { Role, RouteAccess } from "~/lib/auth/roles";

/** Engagement officers import for their own partner sources; administrators for any. */
export const IMPORTERS = { roles: ["administrator", "engagement_officer"] as readonly Role[] } satisfies RouteAccess;
