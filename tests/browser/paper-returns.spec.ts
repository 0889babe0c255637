import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";
import { answerAllQuestions } from "./support/survey";

test("an engagement officer keys in a paper questionnaire for their partner source", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.engagement_officer })).newPage();
  await page.goto("/surveys/feeling-safe");
  await page.getByText("Key in a paper questionnaire").click();
  await page.getByRole("button", { name: "Start keying in" }).click();
  await expect(page.locator("#partnerSourceId-error")).toContainText("Select the partner source the paper questionnaire came from");
  await expectNoAxeViolations(page);
  await page.getByLabel("West Mercia Police").check();
  await page.getByRole("button", { name: "Start keying in" }).click();
  await page.getByRole("link", { name: "Choose your ward from a list" }).click();
  await page.getByRole("link", { name: "Kington" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await answerAllQuestions(page, { axe: false, continueLabel: /Continue/ });
  await page.getByRole("button", { name: "Send answers" }).click();
  await expect(page.getByText("Saved as a paper return.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Key in another paper questionnaire" })).toBeVisible();
});

test("a resident who is not signed in is not offered paper keying", async ({ page }) => {
  await page.goto("/surveys/feeling-safe");
  await expect(page.getByText("Key in a paper questionnaire")).toHaveCount(0);
});
