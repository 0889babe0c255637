import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { createAccountFromLink } from "~/lib/auth/create-account";
import { issueSetupLinkIfNoAdministrator } from "~/lib/auth/first-administrator";
import { changeRole, inviteStaff } from "~/lib/auth/manage-users";
import { signIn } from "~/lib/auth/sign-in";
import { SignInThrottle } from "~/lib/auth/sign-in-throttle";
import { enableTotp, verifySecondFactor } from "~/lib/auth/two-factor";
import { changePassword } from "~/lib/auth/change-password";
import { validateAuthSession, type SessionUser } from "~/lib/auth/auth-session";
import { totpStep } from "~/lib/auth/totp";
import { testDatabases } from "../../support/test-databases";

const now = new Date("2026-11-25T09:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const ada = { email: "Ada@Example.org", displayName: "Ada", password: "correct horse battery staple" };

describe.each(testDatabases())("accounts on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let admin: SessionUser;
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
  });
  afterAll(() => close());

  it("issues a set-up link only while there is no administrator, and it makes one account once", async () => {
    const first = await issueSetupLinkIfNoAdministrator(db, now);
    const second = await issueSetupLinkIfNoAdministrator(db, now);
    expect(first).not.toBeNull();
    // A new start-up withdraws the earlier link.
    expect(await createAccountFromLink(db, first!, "first_administrator", ada, now)).toEqual({ ok: false, error: "LinkNotFound" });
    const weak = await createAccountFromLink(db, second!, "first_administrator", { ...ada, password: "password1234" }, now);
    expect(weak).toEqual({ ok: false, error: "Common" });
    const created = await createAccountFromLink(db, second!, "first_administrator", ada, now);
    expect(created).toMatchObject({ ok: true, value: { email: "ada@example.org" } });
    expect(await createAccountFromLink(db, second!, "first_administrator", { ...ada, email: "eve@example.org" }, now)).toEqual({ ok: false, error: "LinkUsed" });
    expect(await issueSetupLinkIfNoAdministrator(db, now)).toBeNull();
    const stored = await db.selectFrom("app_user").select(["role", "password_hash"]).executeTakeFirstOrThrow();
    expect(stored.role).toBe("administrator");
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    admin = { id: created.ok ? created.value.id : 0, email: "ada@example.org", displayName: "Ada", role: "administrator", hasTwoFactor: false };
  });

  it("refuses an expired invitation", async () => {
    const invited = await inviteStaff(db, admin, { email: "late@example.org", role: "csp_member", partnerSourceIds: [] }, now);
    const tooLate = later(8 * 24 * 60 * 60 * 1000);
    expect(await createAccountFromLink(db, invited.ok ? invited.value : "", "invitation", { ...ada, email: "late@example.org" }, tooLate)).toEqual({
      ok: false,
      error: "LinkExpired",
    });
  });

  it("creates an engagement officer with their partner sources from an invitation", async () => {
    const source = await db.insertInto("partner_source").values({ name: "Fire", agency: "fire_and_rescue", tool: null }).returning("id").executeTakeFirstOrThrow();
    expect(await inviteStaff(db, admin, { email: "olu@example.org", role: "engagement_officer", partnerSourceIds: [] }, now)).toEqual({ ok: false, error: "PartnerSourceRequired" });
    const invited = await inviteStaff(db, admin, { email: "olu@example.org", role: "engagement_officer", partnerSourceIds: [source.id] }, now);
    const created = await createAccountFromLink(db, invited.ok ? invited.value : "", "invitation", { email: "ignored@example.org", displayName: "Olu", password: "tangerine bicycle harbour" }, now);
    expect(created).toMatchObject({ ok: true, value: { email: "olu@example.org" } });
    const sources = await db.selectFrom("user_partner_source").select("partner_source_id").execute();
    expect(sources).toEqual([{ partner_source_id: source.id }]);
    expect(await inviteStaff(db, admin, { email: "olu@example.org", role: "csp_member", partnerSourceIds: [] }, now)).toEqual({ ok: false, error: "EmailTaken" });
  });

  it("signs in with the right password only, and throttles repeated failures", async () => {
    const throttle = new SignInThrottle();
    const attempt = { email: "ADA@example.org ", password: ada.password, clientKey: "client" };
    expect((await signIn(db, throttle, attempt, now)).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(await signIn(db, throttle, { ...attempt, password: "wrong" }, now)).toEqual({ ok: false, error: { kind: "WrongCredentials" } });
    expect(await signIn(db, throttle, { ...attempt, password: "wrong" }, now)).toEqual({ ok: false, error: { kind: "Throttled", retryAfterSeconds: 900 } });
    expect(await signIn(db, throttle, attempt, later(60_000))).toMatchObject({ ok: false, error: { kind: "Throttled" } });
    const failures = await db.selectFrom("audit_event").select("action").where("action", "=", "sign_in_failed").execute();
    expect(failures).toHaveLength(5);
  });

  it("requires the TOTP code after the password once two-factor is on, and refuses a replayed code", async () => {
    const throttle = new SignInThrottle();
    const key = new Uint8Array(20).fill(7);
    const codeAt = (date: Date) => generateHOTP(key, BigInt(totpStep(date)), 6);
    const first = await signIn(db, throttle, { email: ada.email, password: ada.password, clientKey: "c" }, now);
    if (!first.ok) throw new Error("sign-in failed");
    const enabled = await enableTotp(db, admin, first.value.session.id, encodeBase32UpperCaseNoPadding(key), codeAt(now), now);
    expect(enabled.ok && enabled.value).toHaveLength(10);

    const second = await signIn(db, throttle, { email: ada.email, password: ada.password, clientKey: "c" }, later(60_000));
    if (!second.ok) throw new Error("sign-in failed");
    expect(second.value.needsTwoFactor).toBe(true);
    const pending = await validateAuthSession(db, second.value.token, later(61_000));
    expect(pending?.session.isTwoFactorVerified).toBe(false);
    const user = { ...admin, hasTwoFactor: true };
    const attempt = { user, sessionId: second.value.session.id, clientKey: "c" };
    expect(await verifySecondFactor(db, throttle, { ...attempt, code: codeAt(now) }, later(61_000))).toEqual({ ok: false, error: "Incorrect" });
    expect(await verifySecondFactor(db, throttle, { ...attempt, code: codeAt(later(60_000)) }, later(61_000))).toEqual({ ok: true, value: "totp" });
    expect(await verifySecondFactor(db, throttle, { ...attempt, code: codeAt(later(60_000)) }, later(62_000))).toEqual({ ok: false, error: "AlreadyUsed" });
    const recovery = enabled.ok ? enabled.value[0]! : "";
    expect(await verifySecondFactor(db, throttle, { ...attempt, code: recovery.toUpperCase() }, later(63_000))).toEqual({ ok: true, value: "recovery_code" });
    expect(await verifySecondFactor(db, throttle, { ...attempt, code: recovery }, later(64_000))).toMatchObject({ ok: false });
    expect((await validateAuthSession(db, second.value.token, later(65_000)))?.session.isTwoFactorVerified).toBe(true);
  });

  it("signs out every other session when the password changes", async () => {
    const throttle = new SignInThrottle();
    const a = await signIn(db, throttle, { email: "olu@example.org", password: "tangerine bicycle harbour", clientKey: "c" }, now);
    const b = await signIn(db, throttle, { email: "olu@example.org", password: "tangerine bicycle harbour", clientKey: "c" }, now);
    if (!a.ok || !b.ok) throw new Error("sign-in failed");
    const olu = (await validateAuthSession(db, a.value.token, now))!.user;
    expect(await changePassword(db, olu, a.value.session.id, { current: "wrong", next: "lantern orchard pebble" }, now)).toEqual({ ok: false, error: "WrongCurrentPassword" });
    expect(await changePassword(db, olu, a.value.session.id, { current: "tangerine bicycle harbour", next: "lantern orchard pebble" }, now)).toEqual({ ok: true, value: undefined });
    expect(await validateAuthSession(db, a.value.token, now)).not.toBeNull();
    expect(await validateAuthSession(db, b.value.token, now)).toBeNull();
  });

  it("keeps at least one administrator, and a role change ends the person's sessions", async () => {
    expect(await changeRole(db, admin, admin.id, "csp_member")).toEqual({ ok: false, error: "LastAdministrator" });
    const olu = await db.selectFrom("app_user").select("id").where("email", "=", "olu@example.org").executeTakeFirstOrThrow();
    expect(await changeRole(db, admin, olu.id, "csp_member")).toEqual({ ok: true, value: undefined });
    expect(await db.selectFrom("auth_session").select("id").where("user_id", "=", olu.id).execute()).toEqual([]);
    const audit = await db.selectFrom("audit_event").select(["action", "detail"]).where("action", "=", "role_changed").executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ from: "engagement_officer", to: "csp_member" });
  });
});
