import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";

test.describe.configure({ mode: "serial" });

test("an administrator changes the settings, correcting a threshold out of range, then puts them back", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByLabel("Suppression threshold")).toHaveValue("50");
  await expect(page.getByLabel("95%")).toBeChecked();
  await expect(page.getByText("No retention period is set")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Suppression threshold").fill("20");
  await page.getByLabel("99%").check();
  await page.getByLabel("Response retention, in months").fill("24");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page).toHaveTitle(/^Error: Settings/);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Suppression threshold must be between 30 and 100" })).toHaveAttribute("href", "#suppressionThreshold");
  await expect(page.locator("#suppressionThreshold-error")).toContainText("Suppression threshold must be between 30 and 100");
  await expect(page.getByLabel("Suppression threshold")).toHaveValue("20");
  await expect(page.getByLabel("99%")).toBeChecked();
  await expect(page.getByLabel("Response retention, in months")).toHaveValue("24");
  await expectNoAxeViolations(page);

  await page.getByLabel("Suppression threshold").fill("40");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("3 settings saved");
  await expect(page.getByLabel("Suppression threshold")).toHaveValue("40");
  await expect(page.getByLabel("99%")).toBeChecked();
  // Every response in this run is minutes old, so 24 months' retention deletes none of them.
  await expect(page.getByText(/No responses were submitted before/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Delete responses older than 24 months now" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText(/^\s*Success\s*0 responses and \d+ expired drafts? deleted/);

  // Back to the defaults, so later specs see the product as shipped.
  await page.getByLabel("Suppression threshold").fill("50");
  await page.getByLabel("95%").check();
  await page.getByLabel("Response retention, in months").fill("");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("3 settings saved");
  await page.goto("/admin/audit");
  await expect(page.locator("main")).toContainText("setting changed");
  await context.close();
});

test("an administrator loads ward population estimates, after a file with wrong rows is refused", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/population");
  await expect(page.getByRole("heading", { level: 1, name: "Population estimates" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Upload a CSV file").setInputFiles("tests/fixtures/population/unknown-ward.csv");
  await page.getByRole("button", { name: "Load population estimates" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: /The file has 2 problems/ })).toHaveAttribute("href", "#populationFile");
  const problems = page.getByRole("table", { name: "Problems in the file" });
  await expect(problems.getByRole("row").nth(1)).toContainText(/3\s*Ward code\s*E05099999 is not one of the area's current wards/);
  await expect(problems.getByRole("row").nth(2)).toContainText(/4\s*Sex\s*"Persons" is a total/);
  await expectNoAxeViolations(page);

  await page.getByLabel("Upload a CSV file").setInputFiles("tests/fixtures/population/herefordshire-made-up.csv");
  await page.getByRole("button", { name: "Load population estimates" }).click();
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: "Enter the year of the estimates, as the file has no Year column" })).toHaveAttribute("href", "#year");

  await page.getByLabel("Upload a CSV file").setInputFiles("tests/fixtures/population/herefordshire-made-up.csv");
  await page.getByLabel("Year of the estimates (optional)").fill("2022");
  await page.getByLabel("Source (optional)").fill("Made-up figures for the browser tests");
  await page.getByRole("button", { name: "Load population estimates" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Population estimates for 2022 loaded: 742 rows");
  const loaded = page.getByRole("table", { name: "Loaded estimates" });
  await expect(loaded.getByRole("row", { name: /2022/ })).toContainText(/Made-up figures for the browser tests\s*53\s*203,513/);
  await expect(page.getByRole("table", { name: "Population aged 16 or over by ward" }).getByRole("row", { name: /Arrow/ })).toContainText("E05009438");
  await expectNoAxeViolations(page);
  await context.close();
});

test("an administrator is told how many access codes to ask for, 1 to 20,000", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/surveys/feeling-safe/access-codes");
  await expect(page.getByRole("heading", { level: 1, name: "Access codes" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Make codes and download CSV" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: "Enter how many access codes to make" })).toHaveAttribute("href", "#count");
  await page.getByLabel("How many codes to make").fill("30000");
  await page.getByRole("button", { name: "Make codes and download CSV" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Number of access codes must be between 1 and 20,000");
  await expect(page.getByLabel("How many codes to make")).toHaveValue("30000");
  await expectNoAxeViolations(page);
  await context.close();
});

// axe needs JavaScript, so it runs above; this proves a plain form submit gives the file.
test("an administrator makes access codes and downloads them once as a CSV, with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator, javaScriptEnabled: false, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto("/admin/surveys/feeling-safe/access-codes");
  const made = async () => Number((await page.locator("#codes-made").innerText()).replaceAll(",", ""));
  const before = await made();
  await expect(page.locator("#codes-used")).toHaveText("0");

  await page.getByLabel("How many codes to make").fill("25");
  const [download, response] = await Promise.all([
    page.waitForEvent("download"),
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Make codes and download CSV" }).click(),
  ]);
  // Never kept by the browser or a proxy: the codes exist nowhere else.
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="/);
  expect(download.suggestedFilename()).toMatch(/^feeling-safe-access-codes-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const lines = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(lines[0]).toBe("access_code,survey_address");
  expect(lines.slice(1)).toHaveLength(25);
  for (const line of lines.slice(1)) expect(line).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4},http:\/\/localhost:\d+\/surveys\/feeling-safe$/);

  await page.goto("/admin/surveys/feeling-safe/access-codes");
  expect(await made()).toBe(before + 25);
  await expect(page.locator("#codes-used")).toHaveText("0");
  await expect(page.locator("main")).not.toContainText(lines[1]!.slice(0, 9));
  await context.close();
});

test("an administrator moves the reporting year to January and back, seeing the quarters relabelled", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await page.goto("/admin/settings");
  await page.getByRole("link", { name: "See or change the reporting periods" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reporting periods" })).toBeVisible();
  await expect(page.getByLabel("The reporting year starts in")).toHaveValue("4");
  await expectNoAxeViolations(page);
  await page.getByLabel("The reporting year starts in").selectOption({ label: "January" });
  await page.getByRole("button", { name: "Save the reporting year" }).click();
  await expect(page.getByText(/The reporting year now starts in January\./)).toBeVisible();
  await expect(page.getByRole("table", { name: "Quarters on record" }).getByRole("rowheader").first()).toHaveText(/^20\d\d Q[1-4]$/);
  await expectNoAxeViolations(page);
  // Back to the financial year, which every other test's labels assume.
  await page.getByLabel("The reporting year starts in").selectOption("4");
  await page.getByRole("button", { name: "Save the reporting year" }).click();
  await expect(page.getByText(/The reporting year now starts in April\./)).toBeVisible();
  await expect(page.getByRole("table", { name: "Quarters on record" }).getByRole("rowheader").first()).toHaveText(/^20\d\d\/\d\d Q[1-4]$/);
});
