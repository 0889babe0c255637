import { describe, expect, it } from "vitest";
import { ROLES, ROLE_DISPLAY_NAMES, isAllowed, isRole, type Role, type RouteAccess } from "~/lib/auth/roles";

const officersOnly = { roles: ["engagement_officer"] } satisfies RouteAccess;
const boardAndAdmins = { roles: ["csp_member", "administrator"] } satisfies RouteAccess;
const as = (role: Role) => ({ role });

describe("isAllowed", () => {
  it("lets anyone, signed in or not, see a public route", () => {
    expect(isAllowed({ public: true }, null)).toBe("allowed");
    for (const role of ROLES) expect(isAllowed({ public: true }, as(role))).toBe("allowed");
  });

  it("asks a signed-out visitor to sign in for a staff route", () => {
    expect(isAllowed(officersOnly, null)).toBe("sign_in_required");
  });

  it("allows a listed role and forbids an unlisted one", () => {
    expect(isAllowed(officersOnly, as("engagement_officer"))).toBe("allowed");
    expect(isAllowed(officersOnly, as("csp_member"))).toBe("forbidden");
    expect(isAllowed(boardAndAdmins, as("engagement_officer"))).toBe("forbidden");
  });

  it("allows an administrator wherever any staff role is allowed", () => {
    expect(isAllowed(officersOnly, as("administrator"))).toBe("allowed");
    expect(isAllowed({ roles: ["csp_member"] }, as("administrator"))).toBe("allowed");
  });

  it("admits no one, not even an administrator, when no role is listed", () => {
    expect(isAllowed({ roles: [] }, as("administrator"))).toBe("forbidden");
  });
});

describe("roles", () => {
  it("has a display name for every role", () => {
    expect(ROLES.map((role) => ROLE_DISPLAY_NAMES[role])).toEqual(["Administrator", "Engagement officer", "CSP member"]);
  });

  it("recognises role names and nothing else", () => {
    expect(isRole("csp_member")).toBe(true);
    expect(isRole("Administrator")).toBe(false);
    expect(isRole("superuser")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
