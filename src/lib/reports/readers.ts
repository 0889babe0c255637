import type { Role, RouteAccess } from "~/lib/auth/roles";

/** Reports are for CSP members and administrators (administrators also see suppressed figures). */
export const REPORT_READERS = { roles: ["csp_member", "administrator"] as readonly Role[] } satisfies RouteAccess;
