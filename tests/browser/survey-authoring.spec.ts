import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";
import { answerAllQuestions } from "./support/survey";

// Building a survey of five questions and answering it is one long journey: 17 s on a quiet machine.
test.describe.configure({ mode: "serial", timeout: 60_000 });
const SLUG = "market-town-check";

async function answerAsResident(page: Page): Promise<void> {
  await page.goto(`/surveys/${SLUG}`);
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByRole("link", { name: "Choose your ward from a list" }).click();
  await page.getByRole("link", { name: "Ross East" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await answerAllQuestions(page, { axe: false, continueLabel: /Continue/ });
  await page.getByRole("button", { name: "Send answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your answers have been sent" })).toBeVisible();
}

test("an administrator builds a survey of five questions, previews it and publishes it; a resident answers it", async ({ browser }) => {
  const admin = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await admin.goto("/admin/surveys");
  await expectNoAxeViolations(admin);
  await admin.getByRole("link", { name: "Create a survey" }).click();
  await admin.getByRole("button", { name: "Save draft" }).click();
  await expect(admin).toHaveTitle(/^Error: Create a survey/);
  await expect(admin.locator(".govuk-error-summary").getByRole("link", { name: "Choose at least one question from the bank" })).toHaveAttribute("href", "#questions");
  await expectNoAxeViolations(admin);

  await admin.getByLabel("Title", { exact: true }).fill("Market town check");
  await admin.getByLabel("Web address").fill(SLUG);
  await admin.getByLabel("Introduction", { exact: true }).fill("Ross-on-Wye: tell us how safe the town centre feels.");
  await admin.getByLabel("Privacy notice", { exact: true }).fill("We keep your answers and your ward, nothing else.");
  await admin.getByLabel("Opens on (optional)").fill("2026-11-01");
  await admin.getByLabel("Closes on (optional)").fill("2026-10-01");
  await admin.getByLabel("How safe do you feel walking alone in this area after dark?").fill("1");
  await admin.getByLabel(/people being drunk or rowdy/).fill("2");
  await admin.getByLabel(/people using or dealing drugs/).fill("2");
  await admin.getByLabel(/rubbish or litter/).fill("2");
  await admin.getByLabel(/how good a job do you think the police/).fill("3");
  await admin.getByRole("button", { name: "Save draft" }).click();
  await expect(admin.locator(".govuk-error-summary").getByRole("link", { name: "Closing date must be after the opening date" })).toBeVisible();
  await expect(admin.getByLabel(/how good a job do you think the police/)).toHaveValue("3");
  await admin.getByLabel("Closes on (optional)").fill("");
  await admin.getByRole("button", { name: "Save draft" }).click();

  await expect(admin.getByRole("heading", { level: 1, name: "Market town check" })).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByRole("link", { name: /Preview version 1/ }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "How safe do you feel walking alone in this area after dark?" })).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByRole("link", { name: "Continue" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: /how much of a problem are…$/ })).toBeVisible();
  await admin.getByRole("link", { name: "Continue" }).click();
  await admin.getByRole("link", { name: "Finish preview" }).click();
  await admin.getByRole("button", { name: "Publish version 1" }).click();
  await expect(admin.getByText("Published. Residents can answer it")).toBeVisible();

  await answerAsResident(await (await browser.newContext()).newPage());
  await admin.close();
});

test("the administrator edits the published survey as a new version, and a resident answers that too", async ({ browser }) => {
  const admin = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await admin.goto(`/admin/surveys/${SLUG}`);
  await admin.getByRole("button", { name: "Edit as a new version" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Edit version 2" })).toBeVisible();
  await expect(admin.getByLabel(/how good a job do you think the police/)).toHaveValue("3");
  await admin.getByLabel(/personally experienced or witnessed any anti-social behaviour/).fill("4");
  await admin.getByLabel("Ross East").check();
  await admin.getByRole("button", { name: "Save draft" }).click();
  await admin.getByRole("button", { name: "Publish version 2" }).click();

  const outsider = await (await browser.newContext()).newPage();
  await outsider.goto(`/surveys/${SLUG}`);
  await outsider.getByRole("button", { name: "Start now" }).click();
  await outsider.getByRole("link", { name: "Choose your ward from a list" }).click();
  await expect(outsider.getByRole("link", { name: "Ross North" })).toHaveCount(0);
  const response = await outsider.goto(`/surveys/${SLUG}/ward/confirm?ward=E05009480`);
  expect(response?.status()).toBe(422);
  await expect(outsider.getByRole("heading", { level: 1, name: "This survey is only for residents of Ross East. Thank you for your interest." })).toBeVisible();

  await answerAsResident(await (await browser.newContext()).newPage());
  await admin.goto(`/admin/surveys/${SLUG}`);
  const rows = admin.locator("table tbody tr");
  await expect(rows.nth(0)).toContainText(/2\s*Open.*1$/);
  await expect(rows.nth(1)).toContainText(/1\s*Closed.*1$/);
  await admin.close();
});

test("answers to both versions count together in the ward's trend", async ({ browser }) => {
  // Issue #6: version 1 and version 2 both ask the safety and police questions; one resident
  // answered each, both in Ross East this quarter. As an administrator, small counts are visible.
  const admin = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await admin.goto("/reports/wards/E05009479");
  await expect(admin.getByRole("heading", { level: 1, name: "Ross East" })).toBeVisible();
  for (const indicator of ["% who feel safe after dark", "% rating local police excellent or good"]) {
    const trend = admin.getByRole("table", { name: new RegExp(`^${indicator}, Ross East`) });
    await expect(trend.locator("tbody tr").last()).toContainText("2 of 2");
  }
  // Only version 2 asks about experiencing anti-social behaviour.
  const asb = admin.getByRole("table", { name: /^% who experienced or witnessed anti-social behaviour, Ross East/ });
  await expect(asb.locator("tbody tr").last()).toContainText("1 of 1");
  await admin.close();
});

test("an administrator adds a local question to the bank, after being told what is missing", async ({ browser }) => {
  const admin = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await admin.goto("/admin/questions");
  await expectNoAxeViolations(admin);
  await admin.getByLabel("Question", { exact: true }).fill("How safe do you feel at Hereford bus station in the evening?");
  await admin.getByLabel("Answers").fill("Very safe");
  await admin.getByRole("button", { name: "Add question" }).click();
  await expect(admin.locator(".govuk-error-summary").getByRole("link", { name: "Enter at least two answers, one on each line" })).toHaveAttribute("href", "#options");
  await expect(admin.getByLabel("Question", { exact: true })).toHaveValue("How safe do you feel at Hereford bus station in the evening?");
  await expectNoAxeViolations(admin);
  await admin.getByLabel("Answers").fill("Very safe\nFairly safe\nNot safe");
  await admin.getByRole("button", { name: "Add question" }).click();
  await expect(admin.getByRole("row", { name: /Hereford bus station/ })).toContainText("Local");
  await admin.goto("/admin/surveys/new");
  await expect(admin.getByLabel("How safe do you feel at Hereford bus station in the evening?")).toBeVisible();

  await admin.goto("/admin/questions");
  await admin.getByRole("link", { name: /Create an indicator from “How safe do you feel at Hereford bus station/ }).click();
  await admin.getByLabel("Title").fill("% who feel safe at the bus station");
  await admin.getByRole("button", { name: "Create indicator" }).click();
  await expect(admin.locator(".govuk-error-summary").getByRole("link", { name: "Select the answers that count" })).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByLabel("Very safe").check();
  await admin.getByLabel("Fairly safe").check();
  await admin.getByRole("button", { name: "Create indicator" }).click();
  await expect(admin.getByText("The indicator has been created.")).toBeVisible();
  await admin.goto("/reports");
  await expect(admin.getByRole("row", { name: /% who feel safe at the bus station/ })).toContainText("Local");
});
