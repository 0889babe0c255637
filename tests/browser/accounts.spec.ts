import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { expectHeading, PEOPLE, signInWithPassword, STORAGE, TOTP_KEY_FILE, totpCode } from "./support/accounts";

test("an administrator signs in with a password and a code from their authenticator app", async ({ page }) => {
  await signInWithPassword(page, PEOPLE.administrator.email, PEOPLE.administrator.password);
  await expectHeading(page, "Enter your security code");
  await expectNoAxeViolations(page);
  await page.goto("/admin/users");
  await expectHeading(page, "Enter your security code");

  await page.getByLabel("Enter your security code").fill("12345");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link")).toHaveAttribute("href", "#code");

  const key = readFileSync(TOTP_KEY_FILE, "utf8");
  await page.getByLabel("Enter your security code").fill(totpCode(key, 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expectHeading(page, "Your account");
  await page.goto("/admin/audit");
  await expectHeading(page, "Audit log");
  await expect(page.getByRole("cell", { name: "first administrator created" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "two factor enabled" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a wrong password gets the same message whether or not the account exists", async ({ page }) => {
  await signInWithPassword(page, PEOPLE.csp_member.email, "not the right password");
  await expect(page).toHaveTitle("Error: Sign in – Neighbourhood Pulse");
  const known = await page.locator(".govuk-error-summary").innerText();
  await expect(page.getByLabel("Email address")).toHaveValue(PEOPLE.csp_member.email);
  await expectNoAxeViolations(page);
  await signInWithPassword(page, "nobody.here@herefordshire.example", "not the right password");
  expect(await page.locator(".govuk-error-summary").innerText()).toBe(known);
});

test("repeated failed sign-ins are refused for a while, with no clue whether the account exists", async ({ page }) => {
  const email = "guessing.target@herefordshire.example";
  for (let attempt = 1; attempt <= 4; attempt++) {
    await signInWithPassword(page, email, `wrong guess ${attempt}`);
    await expect(page).toHaveTitle(/^Error: Sign in/);
  }
  await signInWithPassword(page, email, "wrong guess 5");
  await expectHeading(page, "Too many attempts to sign in");
  await expect(page.getByText("Try again in 15 minutes")).toBeVisible();
  await expectNoAxeViolations(page);
  const response = await page.request.post("/sign-in", {
    headers: { Origin: new URL(page.url()).origin },
    form: { email, password: "even the right one would be refused now" },
  });
  expect(response.status()).toBe(429);
});

test("signing out ends the session, and the old cookie no longer works", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, PEOPLE.csp_member.email, PEOPLE.csp_member.password);
  await expectHeading(page, "Your account");
  const cookie = (await context.cookies()).find((c) => c.name === "np_session")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expectHeading(page, "Sign in");
  await context.addCookies([cookie]);
  await page.goto("/account");
  await expectHeading(page, "Sign in");
  await context.close();
});

test("a tampered session cookie is treated as signed out", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.csp_member });
  const [cookie] = (await context.cookies()).filter((c) => c.name === "np_session");
  const [id, secret] = cookie!.value.split(".");
  const flipped = secret!.slice(0, -1) + (secret!.endsWith("a") ? "b" : "a");
  await context.addCookies([{ ...cookie!, value: `${id}.${flipped}` }]);
  const page = await context.newPage();
  await page.goto("/account");
  await expectHeading(page, "Sign in");
  await context.close();
});

test("a CSP member asking for an administrator's page is told they do not have permission", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.csp_member });
  const page = await context.newPage();
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expectHeading(page, "You do not have permission to see this page");
  await expectNoAxeViolations(page);
  await context.close();
});

test("a cross-site form post with an administrator's cookie is refused and changes nothing", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  const forged = await page.request.post("/admin/users", {
    headers: { Origin: "https://attacker.example" },
    form: { action: "invite", email: "mallory@attacker.example", role: "administrator" },
  });
  expect(forged.status()).toBe(403);
  await page.goto("/admin/users");
  await expect(page.getByText("mallory@attacker.example")).toHaveCount(0);
  await context.close();
});

test("a user changes their password and every other session is signed out", async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const [a, b] = [await first.newPage(), await second.newPage()];
  const officer = PEOPLE.engagement_officer;
  await signInWithPassword(a, officer.email, officer.password);
  await signInWithPassword(b, officer.email, officer.password);

  await a.goto("/account/password");
  await a.getByLabel("Current password").fill(officer.password);
  await a.getByLabel("New password").fill("short");
  await a.getByRole("button", { name: "Change password" }).click();
  await expect(a.locator(".govuk-error-summary").getByRole("link", { name: "Password must be 12 characters or more" })).toBeVisible();
  await expectNoAxeViolations(a);

  const next = "lantern orchard pebble violin";
  await a.getByLabel("Current password").fill(officer.password);
  await a.getByLabel("New password").fill(next);
  await a.getByRole("button", { name: "Change password" }).click();
  await expect(a.getByText("Your password has been changed")).toBeVisible();

  await b.goto("/account");
  await expectHeading(b, "Sign in");
  await signInWithPassword(b, officer.email, next);
  await expectHeading(b, "Your account");

  // The change signed out the officer's stored session too; the one that made it stays valid.
  await first.storageState({ path: STORAGE.engagement_officer });
  await first.close();
  await second.close();
});
