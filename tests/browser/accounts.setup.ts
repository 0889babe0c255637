import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { expectHeading, PEOPLE, SETUP_LINK_FILE, signInWithPassword, STORAGE, TOTP_KEY_FILE, totpCode } from "./support/accounts";

// One journey, in order: the first administrator, two-factor set-up, a partner source, and an
// invitation for each other role. It leaves a signed-in session per role for the other specs.
test.describe.configure({ mode: "serial" });

const invitations: Record<string, string> = {};
let setupLink = "";

test("first run: the set-up link creates the first administrator, keeping answers when there are errors", async ({ page }) => {
  mkdirSync("test-results/.auth", { recursive: true });
  setupLink = readFileSync(SETUP_LINK_FILE, "utf8").trim();
  await page.goto(setupLink);
  await expectHeading(page, "Create the first administrator account");
  await expectNoAxeViolations(page);

  await page.getByLabel("Email address").fill(PEOPLE.administrator.email);
  await page.getByLabel("Create a password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Enter your name" })).toHaveAttribute("href", "#displayName");
  await expect(page.getByLabel("Email address")).toHaveValue(PEOPLE.administrator.email);
  await expectNoAxeViolations(page);

  await page.getByLabel("Your name").fill(PEOPLE.administrator.name);
  await page.getByLabel("Create a password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(summary.getByRole("link", { name: /common password/ })).toHaveAttribute("href", "#password");

  await page.getByLabel("Create a password").fill(PEOPLE.administrator.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expectHeading(page, "Sign in");
});

test("the set-up link works only once", async ({ page }) => {
  const response = await page.goto(setupLink);
  expect(response?.status()).toBe(410);
  await expectHeading(page, "This link has already been used");
  await expectNoAxeViolations(page);
});

test("an administrator must set up two-factor authentication before anything else", async ({ page }) => {
  await signInWithPassword(page, PEOPLE.administrator.email, PEOPLE.administrator.password);
  await expectHeading(page, "Set up two-factor authentication");
  await page.goto("/admin/users");
  await expectHeading(page, "Set up two-factor authentication");
  await expectNoAxeViolations(page);

  const key = (await page.locator(".np-totp-key").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".np-totp-key")).toHaveText(key.match(/.{1,4}/g)!.join(" "));

  await page.getByLabel("Code from your authenticator app").fill(totpCode(key));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication is on" })).toBeVisible();
  await expect(page.locator(".np-recovery-codes li")).toHaveCount(10);
  await expectNoAxeViolations(page);
  writeFileSync(TOTP_KEY_FILE, key);
  await page.context().storageState({ path: STORAGE.administrator });
});

test("an administrator adds a partner source and invites a CSP member and an engagement officer", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/partner-sources");
  await expectNoAxeViolations(page);
  await page.getByLabel("Name", { exact: true }).fill("West Mercia Police");
  await page.getByLabel("Police").check();
  await page.getByLabel("Survey tool they use (optional)").fill("SurveyMonkey");
  await page.getByRole("button", { name: "Add partner source" }).click();
  await expect(page.getByText("West Mercia Police (Police)")).toBeVisible();

  await page.goto("/admin/users");
  await expectHeading(page, "Users");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  for (const role of ["csp_member", "engagement_officer"] as const) {
    await page.getByLabel("Email address").fill(PEOPLE[role].email);
    await page.getByLabel(role === "csp_member" ? "CSP member" : "Engagement officer").check();
    if (role === "engagement_officer") await page.getByLabel("West Mercia Police").check();
    await page.getByRole("button", { name: "Create invitation" }).click();
    invitations[role] = (await page.locator(".np-invitation-link").innerText()).trim();
    expect(invitations[role]).toMatch(/\/invitation\/[a-z2-7]{52}$/);
  }
  await expectNoAxeViolations(page);
  await context.close();
});

for (const role of ["csp_member", "engagement_officer"] as const) {
  test(`the ${role.replace("_", " ")} accepts the invitation and signs in`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(invitations[role]!);
    await expectHeading(page, "Accept your invitation");
    await expectNoAxeViolations(page);
    await page.getByLabel("Your name").fill(PEOPLE[role].name);
    await page.getByLabel("Create a password").fill(PEOPLE[role].password);
    await page.getByRole("button", { name: "Create account" }).click();
    await signInWithPassword(page, PEOPLE[role].email, PEOPLE[role].password);
    await expectHeading(page, "Your account");
    await expect(page.getByText(PEOPLE[role].email)).toBeVisible();
    await expectNoAxeViolations(page);
    await context.storageState({ path: STORAGE[role] });

    const again = await page.goto(invitations[role]!);
    expect(again?.status()).toBe(410);
    await context.close();
  });
}
