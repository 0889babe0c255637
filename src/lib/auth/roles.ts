/*
 * Who may see what. Each page and endpoint exports one declaration, for example
 *   export const access = { roles: ["csp_member", "administrator"] } satisfies RouteAccess;
 * and whatever enforces it treats a missing declaration as "deny" (default-deny lives there,
 * not here). `isAllowed` is the one decision, so pages, endpoints and actions cannot disagree.
 */

export const ROLES = ["administrator", "engagement_officer", "csp_member"] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_DISPLAY_NAMES: Readonly<Record<Role, string>> = {
  administrator: "Administrator",
  engagement_officer: "Engagement officer",
  csp_member: "CSP member",
};

/** For values read from the database or a form. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export type RouteAccess = { public: true } | { roles: readonly Role[] };

export type AccessDecision = "allowed" | "sign_in_required" | "forbidden";

/**
 * Public routes are open to everyone. Otherwise a signed-out visitor must sign in, and a
 * signed-in user needs one of the listed roles. Administrators are allowed wherever any staff
 * role is, so lists need not repeat "administrator"; an empty list admits no one.
 */
export function isAllowed(access: RouteAccess, user: { role: Role } | null): AccessDecision {
  if ("public" in access) return access.public === true ? "allowed" : "forbidden";
  if (user === null) return "sign_in_required";
  if (access.roles.includes(user.role)) return "allowed";
  if (user.role === "administrator" && access.roles.length > 0) return "allowed";
  return "forbidden";
}
