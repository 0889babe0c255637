import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";

// A SurveyMonkey export whose partner wrote two answers in words the importer will not guess:
// "Agree" (a five-point scale's word, not the bank's "Tend to agree") and "Quite safe".
function surveyMonkeyWithTwoUnknownLabels(): string {
  const text = readFileSync(path.join(import.meta.dirname, "../fixtures/imports/surveymonkey.csv"), "utf8")
    .replaceAll(",Tend to agree,", ",Agree,")
    .replace(",Fairly safe,", ",Quite safe,");
  const folder = path.join(import.meta.dirname, "../../test-results/imports");
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, "police-perception-survey.csv");
  writeFileSync(file, text);
  return file;
}

test("an engagement officer imports a SurveyMonkey export, fixes two answers, checks, commits and undoes it", async ({ browser }) => {
  test.slow(); // seven pages, each checked with axe
  const page = await (await browser.newContext({ storageState: STORAGE.engagement_officer })).newPage();
  await page.goto("/imports");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Upload and continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Choose the export file to upload");
  await expectNoAxeViolations(page);

  await page.getByLabel("Export file").setInputFiles(surveyMonkeyWithTwoUnknownLabels());
  await page.getByRole("button", { name: "Upload and continue" }).click();
  await expect(page.getByRole("heading", { name: "Match the columns" })).toBeVisible();
  await expect(page.getByText("Recognised as a SurveyMonkey export from West Mercia Police, with 12 responses.")).toBeVisible();
  for (const dropped of ["IP Address", "Email Address", "First Name", "Last Name"]) {
    await expect(page.locator(".govuk-inset-text li", { hasText: dropped })).toBeVisible();
  }
  await expect(page.getByLabel("Use of the column “Which ward do you live in?”")).toHaveValue("ward_name");
  await expectNoAxeViolations(page);
  if (process.env.SCREENSHOTS) await page.screenshot({ path: "test-results/imports/columns.png", fullPage: true });
  await page.getByRole("button", { name: "Continue to answers" }).click();

  await expect(page.getByRole("heading", { name: "Match the answers" })).toBeVisible();
  await expect(page.getByLabel("“Agree” counts as")).toHaveValue("");
  await expect(page.getByLabel("“Quite safe” counts as")).toHaveValue("");
  await expectNoAxeViolations(page);
  if (process.env.SCREENSHOTS) await page.screenshot({ path: "test-results/imports/answers.png", fullPage: true });
  await page.getByLabel("“Agree” counts as").selectOption({ label: "Tend to agree" });
  await page.getByLabel("“Quite safe” counts as").selectOption({ label: "Fairly safe" });
  await page.getByRole("button", { name: "Check the file" }).click();

  await expect(page.getByRole("heading", { name: "Check what will be imported" })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(".govuk-summary-list")).toContainText("Responses to import12");
  if (process.env.SCREENSHOTS) await page.screenshot({ path: "test-results/imports/checked.png", fullPage: true });
  await expect(page.getByRole("table", { name: "Responses to import by ward" })).toContainText("Kington");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Import 12 responses" }).click();

  await expect(page.getByRole("heading", { name: "Import saved" })).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Imports", exact: true }).first().click();
  const row = page.getByRole("row", { name: /police-perception-survey\.csv/ });
  await expect(row).toContainText("In reports");
  await expect(row).toContainText("SurveyMonkey");
  await row.getByRole("link", { name: /Undo/ }).click();
  await expect(page.getByRole("heading", { name: /Undo batch \d+\?/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /Undo batch/ }).click();
  await expect(page.getByText(/Batch \d+ was undone/)).toBeVisible();
  await expect(page.getByRole("row", { name: /police-perception-survey\.csv/ })).toContainText("Undone");
  if (process.env.SCREENSHOTS) await page.screenshot({ path: "test-results/imports/history.png", fullPage: true });
  await expectNoAxeViolations(page);
});

test("an import with problems lists each with its row, column, value and reason, and offers them as CSV", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.engagement_officer })).newPage();
  const folder = path.join(import.meta.dirname, "../../test-results/imports");
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, "ward-names.csv");
  writeFileSync(file, ["ID,Date,Ward,How safe do you feel walking alone in this area after dark?", "a1,14/11/2025,Kington,Very safe", "a2,14/11/2025,Atlantis,Very safe"].join("\r\n"));
  await page.goto("/imports");
  await page.getByLabel("Export file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and continue" }).click();
  await page.getByRole("button", { name: "Continue to answers" }).click();
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "Check what will be imported" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("“Atlantis”: 1 row")).toBeVisible();
  await expect(page.getByRole("table", { name: "Every problem" })).toContainText("3WardAtlantisWard not found");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download every problem as a CSV file" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(csv).toBe("Row,Column,Value,Problem\r\n3,Ward,Atlantis,Ward not found\r\n");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Cancel this import" }).click();
  await expect(page.getByRole("heading", { name: "Import cancelled" })).toBeVisible();
});

test("a CSP member has no imports", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.csp_member })).newPage();
  const response = await page.goto("/imports");
  expect(response?.status()).toBe(403);
});
