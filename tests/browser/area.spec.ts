import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";

test.describe.configure({ mode: "serial" });

// A made-up area whose wards start in 2090: other browser tests rely on Herefordshire's wards
// being the only ones in force, and this leaves them so.
async function answerNewArea(page: Page) {
  await page.getByLabel("A new area").check();
  await page.getByLabel("Local authority GSS code").fill("E06999999");
  await page.getByLabel("Local authority name").fill("Testshire (made up for tests)");
  await page.getByLabel("Community safety partnership name").fill("Testshire Safer Communities Partnership");
  await page.getByLabel("Day", { exact: true }).fill("4");
  await page.getByLabel("Month", { exact: true }).fill("5");
  await page.getByLabel("Year", { exact: true }).fill("2090");
}

test("an administrator loads the wards of a new area: refused file, preview with map, saved", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/area");
  await expect(page.getByRole("heading", { level: 1, name: "Area and wards" })).toBeVisible();
  await expect(page.getByText("53 wards today")).toBeVisible();
  await expect(page.getByRole("group", { name: /Wards in force today/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await answerNewArea(page);
  await page.getByLabel("Ward boundaries (GeoJSON)").setInputFiles("tests/fixtures/areas/broken-wards.geojson");
  await page.getByRole("button", { name: "Check the wards" }).click();
  await expect(page).toHaveTitle(/^Error: Area and wards/);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: /Feature 2 \(E05999801 Two\) repeats ward code E05999801/ })).toHaveAttribute("href", "#boundariesFile");
  await expect(page.getByLabel("Local authority name")).toHaveValue("Testshire (made up for tests)");
  await expect(page.getByLabel("Year", { exact: true })).toHaveValue("2090");
  await expectNoAxeViolations(page);

  await page.getByLabel("Ward boundaries (GeoJSON)").setInputFiles("tests/fixtures/areas/testshire/wards.geojson");
  await page.getByRole("button", { name: "Check the wards" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check the wards before saving" })).toBeVisible();
  await expect(page).toHaveTitle(/^Check the wards before saving/);
  await expect(page.getByRole("group", { name: "Wards of Testshire (made up for tests) from 4 May 2090" })).toBeVisible();
  const rows = page.getByRole("table", { name: "What happens to each ward" }).locator("tbody tr");
  await expect(rows).toHaveText([/Abbey Green\s*E05999901\s*New/, /Brook Side\s*E05999902\s*New/, /Castle Hill\s*E05999903\s*New/]);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Save these wards" }).click();
  await expect(page.getByRole("heading", { name: "The wards of Testshire (made up for tests) have been saved" })).toBeVisible();
  await expect(page.locator(".govuk-notification-banner")).toContainText("From 4 May 2090: 3 new");
  await expect(page.getByText("0 wards today; the wards change on 4 May 2090")).toBeVisible();
  await expect(page.getByText("53 wards today")).toBeVisible();
  await expectNoAxeViolations(page);

  await context.close();
});
