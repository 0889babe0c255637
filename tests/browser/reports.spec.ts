import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";
import { answerAllQuestions } from "./support/survey";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/surveys/feeling-safe");
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByRole("link", { name: "Choose your ward from a list" }).click();
  await page.getByRole("link", { name: "Bromyard West" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await answerAllQuestions(page, { axe: false, continueLabel: /Continue/ });
  await page.getByRole("button", { name: "Send answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your answers have been sent" })).toBeVisible();
});

test("a CSP member sees the overview, and never a figure built on too few responses", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.csp_member })).newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "Ward trends" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ward trends: overview" })).toBeVisible();
  await expectNoAxeViolations(page);
  const safety = page.getByRole("row", { name: /% who feel safe after dark/ });
  await expect(safety).toContainText("Fewer than 50 responses");
  await expect(safety).not.toContainText(/\d+ of \d+/);

  await safety.getByRole("link", { name: "% who feel safe after dark" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "% who feel safe after dark" })).toBeVisible();
  await expect(page.locator("svg.np-ward-map a")).toHaveCount(53);
  await expect(page.getByRole("row", { name: /Bromyard West/ })).toContainText("Fewer than 50 responses");
  await expect(page.locator("body")).not.toContainText(/\d+ of \d+\)/);
  await expectNoAxeViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV", exact: true }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  const bromyard = csv.split("\r\n").find((line) => line.startsWith("Bromyard West"))!;
  // A CSP member's file has the suppression flag and no numbers for the suppressed ward.
  expect(bromyard).toMatch(/^Bromyard West,E05009447,[^,]+,,,,,,yes,below_threshold,/);
  const workbook = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel workbook (XLSX)" }).click();
  expect((await workbook).suggestedFilename()).toMatch(/^feel_safe_after_dark-.*\.xlsx$/);
  expect(readFileSync(await (await workbook).path()).subarray(0, 2).toString("latin1")).toBe("PK");

  await page.getByRole("row", { name: /Bromyard West/ }).getByRole("link", { name: "Bromyard West" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bromyard West" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/\d+ of \d+/);
  await expectNoAxeViolations(page);
});

test("an administrator sees suppressed figures, marked as such", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await page.goto("/reports/indicators/feel_safe_after_dark?pooling=rolling_year");
  const row = page.getByRole("row", { name: /Bromyard West/ });
  await expect(row).toContainText(/\d+% \(\d+% to \d+%; \d+ of \d+\)/);
  await expect(row).toContainText("Suppressed: administrators only");
});

test("a filter the report does not offer gets a clear page, not an error", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.csp_member })).newPage();
  const response = await page.goto("/reports?pooling=decade");
  expect(response?.status()).toBe(400);
  await expect(page.getByText("The report’s filters are not ones it offers")).toBeVisible();
  expect((await page.goto("/reports/indicators/no_such_indicator"))?.status()).toBe(404);

  const ward = await page.goto("/reports/wards/E05009447?baseline=999999");
  expect(ward?.status()).toBe(400);
  await expect(page.getByText("There is no such baseline period: choose one from the list")).toBeVisible();
  await page.getByRole("link", { name: "Show the latest figures" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bromyard West" })).toBeVisible();
  expect((await page.goto("/reports/wards/E99999999?pooling=decade"))?.status()).toBe(404);

  // Trends from a chosen period: three quarters to the latest, then a reversed range refused.
  await page.goto("/reports/wards/E05009447");
  const starts = await page.getByLabel("Trends from").locator("option").allTextContents();
  expect(starts[0]).toBe("The last 8");
  await page.getByLabel("Trends from").selectOption({ label: starts[3]! }); // the third quarter back, latest first
  await page.getByRole("button", { name: "Show figures" }).click();
  const trend = page.getByRole("table", { name: /^% who feel safe after dark, Bromyard West, / });
  await expect(trend.locator("tbody tr")).toHaveCount(3);
  await expect(trend.locator("tbody tr").first().locator("th")).toHaveText(starts[3]!);
  await expectNoAxeViolations(page);
  const periods = await page.getByLabel("Period").locator("option").allTextContents();
  await page.getByLabel("Period").selectOption({ label: periods.at(-1)! });
  await page.getByLabel("Trends from").selectOption({ label: starts[1]! });
  const reversed = page.waitForResponse((r) => r.url().includes("/reports/wards/E05009447?"));
  await page.getByRole("button", { name: "Show figures" }).click();
  expect((await reversed).status()).toBe(400);
  await expect(page.getByText(`The trends must start at or before ${periods.at(-1)}: choose an earlier start, or a later period`)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an administrator publishes an indicator; the public ward page and JSON show it with the same suppression", async ({ browser, request }) => {
  const admin = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await admin.goto("/admin/surveys/feeling-safe");
  await admin.getByLabel("% who feel safe after dark").check();
  await admin.getByRole("button", { name: "Save public results" }).click();
  await expect(admin.getByText("The public results have been updated.")).toBeVisible();

  const resident = await (await browser.newContext()).newPage();
  await resident.goto("/wards/E05009447");
  await expect(resident.getByRole("row", { name: /% who feel safe after dark/ })).toContainText("Not published yet: too few residents have answered");
  await expectNoAxeViolations(resident);

  const json = await (await request.get("/api/public/indicators.json")).json();
  const safety = json.indicators.find((i: { key: string }) => i.key === "feel_safe_after_dark");
  const bromyard = safety.wards.find((w: { code: string }) => w.code === "E05009447");
  expect(bromyard).toMatchObject({ estimate: null, base: null, suppressed: true, reason: "below_threshold" });
  expect(JSON.stringify(json)).not.toMatch(/"numerator"/);
});
