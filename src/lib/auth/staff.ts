import type { Role, RouteAccess } from "./roles";

/** Every signed-in role: pages for all staff declare `access = STAFF`. */
export const STAFF = { roles: ["administrator", "engagement_officer", "csp_member"] as readonly Role[] } satisfies RouteAccess;
export const ADMINISTRATORS = { roles: ["administrator"] as readonly Role[] } satisfies RouteAccess;
