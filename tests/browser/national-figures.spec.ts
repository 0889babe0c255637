import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";

test("an administrator records a national figure, corrects a mistake, sees it beside the local figure, and removes it", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await page.goto("/admin/settings");
  await page.getByRole("link", { name: "Record or change the national figures" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "National figures" })).toBeVisible();
  await expect(page.getByRole("row", { name: /% who feel safe after dark/ })).toContainText("None recorded");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Record the national figure for % who feel safe after dark" }).click();
  await page.getByLabel("Percentage for England and Wales").fill("seventy-six");
  await page.getByLabel("Survey year").fill("year ending March 2025");
  await page.getByLabel("Source", { exact: true }).fill("ONS, CSEW annual supplementary tables");
  await page.getByRole("button", { name: "Save national figure" }).click();
  // Refused with the summary and the message at the field, every answer kept.
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("Enter the percentage as a number, like 76 or 76.5");
  await expect(page.getByLabel("Survey year")).toHaveValue("year ending March 2025");
  await expect(page.getByLabel("Source", { exact: true })).toHaveValue("ONS, CSEW annual supplementary tables");
  await expectNoAxeViolations(page);
  await summary.getByRole("link").click();
  await expect(page.getByLabel("Percentage for England and Wales")).toBeFocused();

  await page.getByLabel("Percentage for England and Wales").fill("76.5%");
  await page.getByRole("button", { name: "Save national figure" }).click();
  await expect(page.getByText("National figure saved for “% who feel safe after dark”.")).toBeVisible();
  await expect(page.getByRole("row", { name: /% who feel safe after dark/ })).toContainText("76.5%");

  // Beside the local figure on the overview and the indicator page, labelled as another survey.
  await page.goto("/reports");
  const row = page.getByRole("row", { name: /% who feel safe after dark/ });
  await expect(row).toContainText("England and Wales: 76.5% (Crime Survey for England and Wales, year ending March 2025; a different survey");
  await expectNoAxeViolations(page);
  await page.goto("/reports/indicators/feel_safe_after_dark");
  await expect(page.locator(".np-national-figure")).toContainText("76.5%");
  await page.goto("/reports/indicators/very_worried_burglary");
  await expect(page.locator(".np-national-figure")).toHaveCount(0);

  await page.goto("/admin/national-figures/feel_safe_after_dark");
  await page.getByRole("button", { name: "Remove national figure" }).click();
  await expect(page.getByText("National figure removed from “% who feel safe after dark”.")).toBeVisible();
  await page.goto("/reports");
  await expect(page.locator(".np-national-figure")).toHaveCount(0);
});

test("a CSP member cannot record national figures", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.csp_member })).newPage();
  const response = await page.goto("/admin/national-figures/feel_safe_after_dark");
  expect(response!.status()).toBe(403);
});
