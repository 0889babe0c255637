import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { answerAllQuestions, answerPageByKeyboard, followLinkByKeyboard } from "./support/survey";

const SURVEY = "/surveys/feeling-safe";

test.describe("a resident answering the survey", () => {
  test("completes it without JavaScript, by keyboard only, on a 320 pixel wide phone", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto("/");
    await followLinkByKeyboard(page, "Feeling safe in your neighbourhood");
    await expect(page.getByRole("heading", { level: 1, name: "Feeling safe in your neighbourhood" })).toBeVisible();
    await answerPageByKeyboard(page, /Start now/);
    await expect(page.getByRole("heading", { level: 1, name: "Which ward do you live in?" })).toBeVisible();
    await followLinkByKeyboard(page, "Choose your ward from a list");
    await followLinkByKeyboard(page, "Arrow");
    await expect(page.getByRole("heading", { level: 1, name: "Your ward is Arrow" })).toBeVisible();
    await answerPageByKeyboard(page, /Continue/);

    let pages = 0;
    while (/\/questions\/\d+/.test(page.url())) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `page ${page.url()} scrolls sideways`).toBeLessThanOrEqual(320);
      await answerPageByKeyboard(page, /Continue/);
      if (++pages > 20) throw new Error("Too many question pages");
    }
    expect(pages).toBeGreaterThanOrEqual(8);
    await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending them" })).toBeVisible();
    await expect(page.locator(".govuk-summary-list__row").first()).toContainText("Arrow");
    await answerPageByKeyboard(page, /Send answers/);
    await expect(page.getByRole("heading", { level: 1, name: "Thank you: your answers have been sent" })).toBeVisible();
    await expect(page.getByRole("link", { name: "See the results for Arrow" })).toHaveAttribute("href", "/wards/E05009438");
    await context.close();
  });

  test("keeps the resident's answers and explains what is missing when a page is incomplete, with no axe violations on any page", async ({ page }) => {
    // An axe scan of every page of the journey takes a while on a two-core machine.
    test.setTimeout(120_000);
    await page.goto(SURVEY);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Start now" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Choose your ward on a map" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Leominster East" }).click();
    await expect(page.getByRole("heading", { name: "Your ward is Leominster East" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Continue" }).click();

    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveTitle(/^Error: How safe do you feel/);
    const summaryLink = page.locator(".govuk-error-summary").getByRole("link");
    await expect(summaryLink).toHaveText("Select an answer to “How safe do you feel walking alone in this area after dark?”");
    await expect(summaryLink).toHaveAttribute("href", "#safe_after_dark");
    await expectNoAxeViolations(page);
    await page.getByLabel("Fairly safe").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("About the same").check();
    await page.getByRole("button", { name: "Continue" }).click();

    // Seven anti-social behaviour questions on one page: answer three, and the other four are asked for.
    await expect(page.getByRole("heading", { level: 1, name: /how much of a problem are…$/ })).toBeVisible();
    const groups = page.locator("fieldset");
    for (const index of [0, 2, 4]) await groups.nth(index).getByLabel("Not a problem at all").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".govuk-error-summary li")).toHaveCount(4);
    for (const index of [0, 2, 4]) await expect(groups.nth(index).getByLabel("Not a problem at all")).toBeChecked();
    await expectNoAxeViolations(page);

    for (const index of [1, 3, 5, 6]) await groups.nth(index).getByLabel("Fairly big problem").check();
    await page.getByRole("button", { name: "Continue" }).click();
    const pages = await answerAllQuestions(page, { axe: true, continueLabel: /Continue/ });
    expect(pages).toBeGreaterThanOrEqual(5);
    await expectNoAxeViolations(page);
    await expect(page.getByRole("row").or(page.locator(".govuk-summary-list__row")).filter({ hasText: "noisy neighbours" })).toContainText("Not a problem at all");

    await page.locator(".govuk-summary-list__row", { hasText: "How safe do you feel" }).getByRole("link", { name: /Change/ }).click();
    await expect(page.getByLabel("Fairly safe")).toBeChecked();
    await page.getByLabel("Very safe").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".govuk-summary-list__row", { hasText: "How safe do you feel" })).toContainText("Very safe");
    await page.getByRole("button", { name: "Send answers" }).click();
    await expect(page.getByRole("heading", { name: "Thank you: your answers have been sent" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "See the results for Leominster East" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Results for Leominster East" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Going back and sending again stores nothing more and lands on the same confirmation.
    await page.goto(`${SURVEY}/check`);
    await expect(page.getByRole("heading", { name: "Thank you: your answers have been sent" })).toBeVisible();
  });

  test("answers in Welsh, switching language part-way", async ({ page }) => {
    await page.goto(`${SURVEY}?lang=cy`);
    await expect(page.locator("html")).toHaveAttribute("lang", "cy");
    await expect(page.getByRole("heading", { level: 1, name: "Teimlo’n ddiogel yn eich cymdogaeth" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Dechrau nawr" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ym mha ward ydych chi’n byw?" })).toBeVisible();
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Which ward do you live in?" })).toBeVisible();
    await page.getByRole("link", { name: "Cymraeg" }).click();
    await page.getByRole("link", { name: "Dewis eich ward o restr" }).click();
    await page.getByRole("link", { name: "Golden Valley North" }).click();
    await expect(page.getByRole("heading", { name: "Eich ward yw Golden Valley North" })).toBeVisible();
    await page.getByRole("button", { name: "Parhau" }).click();
    await page.getByRole("button", { name: "Parhau" }).click();
    await expect(page).toHaveTitle(/^Gwall: /);
    await expect(page.locator(".govuk-error-summary__title")).toHaveText("Mae problem wedi codi");
    await expectNoAxeViolations(page);
    // Questions without a published Welsh wording are shown in English, marked as such.
    await expect(page.getByText("Nid yw’r cwestiwn hwn wedi’i gyfieithu i’r Gymraeg eto.").first()).toBeVisible();
    await answerAllQuestions(page, { axe: false, continueLabel: /Parhau/ });
    await expect(page.getByRole("heading", { name: "Gwiriwch eich atebion cyn eu hanfon" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Anfon atebion" }).click();
    await expect(page.getByRole("heading", { name: "Diolch: mae eich atebion wedi cael eu hanfon" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test("a resident who asks to use their device's location is placed in their ward, and the location is not kept", async ({ browser }) => {
  const context = await browser.newContext({ geolocation: { latitude: 52.0592, longitude: -2.4301 }, permissions: ["geolocation"] });
  const page = await context.newPage();
  await page.goto(SURVEY);
  await page.getByRole("button", { name: "Start now" }).click();
  await page.getByRole("link", { name: "Use my device’s location" }).click();
  await expectNoAxeViolations(page);
  const posted: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posted.push(request.postData() ?? "");
  });
  await page.getByRole("button", { name: "Share my location once" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your ward is Ledbury North" })).toBeVisible();
  // Rounded to about a metre before it leaves the device; the confirmation page carries only the ward.
  expect(posted[0]).toBe("latitude=52.05920&longitude=-2.43010");
  expect(page.url()).toMatch(/\/ward\/confirm\?ward=E05009465$/);
  await context.close();
});

test.describe("what a resident cannot do", () => {
  test("a page reached without a draft explains the answers are gone, with a way to start again", async ({ page }) => {
    const response = await page.goto(`${SURVEY}/questions/1`);
    expect(response?.status()).toBe(410);
    await expect(page.getByRole("heading", { name: "Your answers have been deleted" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Start the survey again" })).toHaveAttribute("href", SURVEY);
    await expectNoAxeViolations(page);
  });

  test("an answer that is not one of the question's options is refused and nothing is kept", async ({ page }) => {
    await page.goto(SURVEY);
    await page.getByRole("button", { name: "Start now" }).click();
    await page.getByRole("link", { name: "Choose your ward from a list" }).click();
    await page.getByRole("link", { name: "Arrow", exact: true }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    const tampered = await page.request.post(page.url(), {
      headers: { Origin: new URL(page.url()).origin },
      form: { safe_after_dark: "<script>alert(1)</script>" },
    });
    expect(tampered.status()).toBe(422);
    const html = await tampered.text();
    expect(html).toContain("There is a problem");
    expect(html).not.toContain("<script>alert(1)</script>");
    await page.reload();
    await expect(page.locator("input[type=radio]:checked")).toHaveCount(0);
  });

  test("an unknown survey is not found, and a ward that does not exist is explained", async ({ page }) => {
    expect((await page.goto("/surveys/no-such-survey"))?.status()).toBe(404);
    await page.goto(SURVEY);
    await page.getByRole("button", { name: "Start now" }).click();
    const response = await page.goto(`${SURVEY}/ward/confirm?ward=E05999999`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that ward. Choose your ward again." })).toBeVisible();
  });

  test("survey pages load no JavaScript at all", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(SURVEY);
    await page.getByRole("button", { name: "Start now" }).click();
    await page.getByRole("link", { name: "Choose your ward on a map" }).click();
    await expect(page.locator("script")).toHaveCount(0);
    expect(scripts).toEqual([]);
  });
});
