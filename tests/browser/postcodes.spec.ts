import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";

test.describe.configure({ mode: "serial" });

test("an administrator loads the area's rows of the postcode lookup", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/postcodes");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Load postcode lookup" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  await page.getByLabel("Upload a CSV file").setInputFiles("tests/fixtures/nspl/nspl-missing-columns.csv");
  await page.getByRole("button", { name: "Load postcode lookup" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText(/missing|columns/i);

  await page.getByLabel("Upload a CSV file").setInputFiles("tests/fixtures/nspl/nspl-herefordshire-sample.csv");
  await page.getByRole("button", { name: "Load postcode lookup" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});

test("a resident finds their ward by postcode, typed any way, and the postcode is not kept in the address", async ({ page }) => {
  await page.goto("/surveys/feeling-safe");
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByLabel("Postcode").fill("HR1");
  await page.getByRole("button", { name: "Find my ward" }).click();
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: "Enter a full UK postcode, like HR1 2ZB" })).toHaveAttribute("href", "#postcode");
  await expect(page.getByLabel("Postcode")).toHaveValue("HR1");
  await expectNoAxeViolations(page);

  await page.getByLabel("Postcode").fill("B1 1AA");
  await page.getByRole("button", { name: "Find my ward" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("B1 1AA is not in the area this survey covers");

  await page.getByLabel("Postcode").fill(" hr12ab ");
  await page.getByRole("button", { name: "Find my ward" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your ward is Central" })).toBeVisible();
  expect(page.url()).toMatch(/\/ward\/confirm\?ward=E05009449$/);
  expect(page.url().toLowerCase()).not.toContain("hr1");
});
