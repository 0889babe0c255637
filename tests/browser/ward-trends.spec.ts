import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";
import { csvRows, parseCsv } from "./support/csv";
import { landedOn, postForm } from "./support/form-post";

// Reports need figures at or above the suppression threshold to draw anything. An engagement
// officer keys in 30 paper returns for Kerne Bridge (sent as form posts) (the lowest threshold an administrator may
// set is 30) and 2 for Weobley, on a one-question survey built for it, and imports 28 for
// Backbury: hidden together, Weobley and Backbury hold 30, so nothing else need be hidden to keep
// Weobley from being worked out from the area total. This file runs last in
// the suite (by name) and puts the threshold back to 50 afterwards.
// The ward page holds sixteen tables; axe takes a while over it on a busy two-core machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });
const SLUG = "trend-check";
const KERNE_BRIDGE = "E05009462";
const WEOBLEY = "E05009487";
const BACKBURY_RETURNS = 28;

async function importForBackbury(page: Page): Promise<void> {
  const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London" }).format(new Date());
  const rows = Array.from({ length: BACKBURY_RETURNS }, (_, i) => `b${i},${today},Backbury,Fairly safe`);
  const folder = path.join(import.meta.dirname, "../../test-results/imports");
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, "backbury.csv");
  writeFileSync(file, ["ID,Date,Ward,How safe do you feel walking alone in this area after dark?", ...rows].join("\r\n"));
  await page.goto("/imports");
  await page.getByLabel("Export file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and continue" }).click();
  await page.getByRole("button", { name: "Continue to answers" }).click();
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("button", { name: `Import ${BACKBURY_RETURNS} responses` }).click();
  await expect(page.getByRole("heading", { name: "Import saved" })).toBeVisible({ timeout: 30_000 });
}

async function setThreshold(browser: Browser, value: string): Promise<void> {
  const admin = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await admin.goto("/admin/settings");
  await admin.getByLabel("Suppression threshold").fill(value);
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.locator(".govuk-notification-banner--success")).toBeVisible();
  await admin.close();
}

async function keyInPaperReturns(page: Page, wardCode: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await page.goto(`/surveys/${SLUG}`);
    await page.getByText("Key in a paper questionnaire").click();
    await page.getByLabel("West Mercia Police").check();
    await page.getByRole("button", { name: "Start keying in" }).click();
    await page.goto(`/surveys/${SLUG}/ward/confirm?ward=${wardCode}`);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Very safe").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Send answers" }).click();
    await expect(page.getByText("Saved as a paper return.")).toBeVisible();
  }
}

/**
 * The same returns sent as the pages' own form posts, without drawing each page: thirty returns
 * keyed through the browser took over a minute of CI's time, and the pages themselves are tested
 * above and in paper-returns.spec.ts.
 */
async function postPaperReturns(page: Page, wardCode: string, count: number): Promise<void> {
  await page.goto(`/surveys/${SLUG}`);
  const partnerSourceId = await page.getByLabel("West Mercia Police").getAttribute("value");
  const post = async (pathname: string, form: Record<string, string>) => landedOn(await postForm(page, `/surveys/${SLUG}${pathname}`, form));
  for (let i = 0; i < count; i++) {
    await post("", { action: "paper", partnerSourceId: partnerSourceId! });
    expect(await post("/ward/confirm", { ward: wardCode })).toBe(`/surveys/${SLUG}/questions/1`);
    expect(await post("/questions/1", { safe_after_dark: "very_safe" })).toBe(`/surveys/${SLUG}/check`);
    expect(await post("/check", { website: "" })).toBe(`/surveys/${SLUG}/done`);
  }
}

const signedIn = async (browser: Browser, role: keyof typeof STORAGE, options: { javaScriptEnabled?: boolean } = {}) =>
  (await browser.newContext({ storageState: STORAGE[role], ...options })).newPage();

/** Every script on the page is a file from our own origin or a JSON data block: nothing inline runs. */
async function expectNoInlineScript(page: Page): Promise<void> {
  const scripts = await page.locator("script").evaluateAll((elements) => elements.map((e) => ({ src: e.getAttribute("src"), type: e.getAttribute("type") })));
  for (const script of scripts) expect(script.src !== null || script.type === "application/json", JSON.stringify(script)).toBe(true);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const admin = await signedIn(browser, "administrator");
  await admin.goto("/admin/surveys/new");
  await admin.getByLabel("Title", { exact: true }).fill("Trend check");
  await admin.getByLabel("Web address").fill(SLUG);
  await admin.getByLabel("Introduction", { exact: true }).fill("One question, for the ward trend tests.");
  await admin.getByLabel("Privacy notice", { exact: true }).fill("We keep your answer and your ward, nothing else.");
  await admin.getByLabel("How safe do you feel walking alone in this area after dark?").fill("1");
  await admin.getByRole("button", { name: "Save draft" }).click();
  await admin.getByRole("button", { name: "Publish version 1" }).click();
  await expect(admin.getByText("Published. Residents can answer it")).toBeVisible();
  await admin.close();
  const officer = await signedIn(browser, "engagement_officer");
  await postPaperReturns(officer, KERNE_BRIDGE, 30);
  await keyInPaperReturns(officer, WEOBLEY, 2);
  await importForBackbury(officer);
  await officer.close();
  await setThreshold(browser, "30");
});

test.afterAll(async ({ browser }) => {
  await setThreshold(browser, "50");
});

test("a CSP member sees a ward's trend as a table and, with JavaScript, a chart of the same figures", async ({ browser }) => {
  const page = await signedIn(browser, "csp_member");
  const refused: string[] = [];
  page.on("console", (message) => { if (/Content Security Policy|Refused to/.test(message.text())) refused.push(message.text()); });
  const response = await page.goto(`/reports/wards/${KERNE_BRIDGE}`);
  expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
  await expect(page.getByRole("heading", { level: 1, name: "Kerne Bridge" })).toBeVisible();

  const section = page.locator("section", { has: page.getByRole("heading", { level: 3, name: "% who feel safe after dark" }) });
  const table = section.getByRole("table");
  await expect(table.locator("caption")).toContainText("% who feel safe after dark, Kerne Bridge");
  await expect(table.locator("tbody tr")).toHaveCount(8);
  await expect(table.locator("tbody tr").last()).toContainText(/100% \(\d+% to 100%; 30 of 30\)/);
  await expect(table.locator("tbody tr").first()).toContainText("Fewer than 30 responses");

  const chart = section.getByRole("img", { name: /Line chart: % who feel safe after dark, Kerne Bridge/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-details", await table.getAttribute("id") ?? "");
  expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
  const data = JSON.parse(await section.locator('script[type="application/json"]').textContent() ?? "{}") as { estimate: (number | null)[] };
  expect(data.estimate).toEqual([null, null, null, null, null, null, null, 100]);

  await expectNoInlineScript(page);
  expect(refused).toEqual([]);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/screenshots/ward-trends-csp-member.png", fullPage: true });
});

test("without JavaScript the ward page is the tables alone", async ({ browser }) => {
  const page = await signedIn(browser, "csp_member", { javaScriptEnabled: false });
  await page.goto(`/reports/wards/${KERNE_BRIDGE}?pooling=rolling_year`);
  const section = page.locator("section", { has: page.getByRole("heading", { level: 3, name: "% who feel safe after dark" }) });
  await expect(section.getByRole("table").locator("tbody tr").last()).toContainText("30 of 30");
  await expect(section.locator("[data-trend-chart]")).toBeHidden();
  await expect(page.getByRole("img", { name: /Line chart/ })).toHaveCount(0);
  // axe needs JavaScript, so the page's axe scan is in the test above.
});

test("a ward's small figures reach a CSP member in no table and no chart data, and an administrator in the table only", async ({ browser }) => {
  const member = await signedIn(browser, "csp_member");
  await member.goto(`/reports/wards/${WEOBLEY}`);
  await expect(member.getByRole("heading", { level: 1, name: "Weobley" })).toBeVisible();
  await expect(member.locator("main")).not.toContainText(/\d+ of \d+/);
  await expect(member.locator('script[type="application/json"]')).toHaveCount(0);

  const admin = await signedIn(browser, "administrator");
  await admin.goto(`/reports/wards/${WEOBLEY}`);
  const table = admin.locator("section", { has: admin.getByRole("heading", { level: 3, name: "% who feel safe after dark" }) }).getByRole("table");
  await expect(table.locator("tbody tr").last()).toContainText("2 of 2");
  await expect(table.locator("tbody tr").last()).toContainText("Suppressed: administrators only");
  // Charts draw unsuppressed figures only, so this ward has none to draw, even for an administrator.
  await expect(admin.locator('script[type="application/json"]')).toHaveCount(0);
});

test("the sources page shows each source's responses by ward, hiding small counts from a CSP member", async ({ browser }) => {
  const page = await signedIn(browser, "csp_member");
  await page.goto("/reports");
  await page.getByRole("link", { name: "Where the responses come from" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Where the responses come from" })).toBeVisible();
  const table = page.getByRole("table", { name: /Responses by ward and source/ });
  const headers = await table.locator("thead th").allInnerTexts();
  const paper = headers.indexOf("Paper, keyed in for West Mercia Police");
  expect(paper).toBeGreaterThan(0);
  expect(headers).not.toContain("All sources");
  const cell = (ward: string) => table.getByRole("row", { name: new RegExp(`^${ward}`) }).locator("th, td").nth(paper);
  await expect(cell("Weobley")).toHaveText("Fewer than 30");
  // Paper returns come from these two wards alone, so the column's total less Kerne Bridge's 30
  // would give Weobley's 2 away.
  await expect(cell("Kerne Bridge")).toHaveText("Not published");
  await expectNoAxeViolations(page);
  const download = page.waitForEvent("download");
  await page.locator("p", { hasText: "Download this table" }).getByRole("link", { name: "CSV" }).click();
  const rows = await csvRows(await (await download).path());
  const paperRow = (ward: string) => rows.find((r) => r[0] === ward && r[3] === "Paper, keyed in for West Mercia Police")!.slice(4);
  expect(paperRow("Weobley")).toEqual(["", "yes", "below_threshold"]);
  expect(paperRow("Kerne Bridge")).toEqual(["", "yes", "complementary"]);
  await page.screenshot({ path: "test-results/screenshots/sources-csp-member.png", fullPage: true });

  const admin = await signedIn(browser, "administrator");
  await admin.goto("/reports/sources");
  const adminTable = admin.getByRole("table", { name: /Responses by ward and source/ });
  await expect(adminTable.locator("thead")).toContainText("All sources");
  await expect(adminTable.getByRole("row", { name: /^Kerne Bridge/ })).toContainText("30");
  await expect(adminTable.getByRole("row", { name: /^Weobley/ })).toContainText("2");
  await expect(adminTable.getByRole("row", { name: /^Weobley/ })).toContainText("Suppressed");
});

test("a ward's trend tables and the area's table download as the pages show them, small figures hidden from a CSP member", async ({ browser }) => {
  const member = await signedIn(browser, "csp_member");
  await member.goto(`/reports/wards/${KERNE_BRIDGE}`);
  const trendFile = member.waitForEvent("download");
  const trendDownloads = member.locator("p", { hasText: "Download every trend table" });
  await trendDownloads.getByRole("link", { name: "CSV" }).click();
  const rows = await csvRows(await (await trendFile).path());
  expect(rows[0]!.slice(0, 7)).toEqual(["indicator", "indicator key", "ward", "ward code", "period", "numerator", "base"]);
  const safe = rows.filter((r) => r[1] === "feel_safe_after_dark");
  expect(safe).toHaveLength(8);
  // The same 30 of 30 as the page's table, and the earlier, empty quarters hidden.
  expect(safe.at(-1)!.slice(2, 11)).toEqual(["Kerne Bridge", KERNE_BRIDGE, safe.at(-1)![4]!, "30", "30", "100", safe.at(-1)![8]!, "100", "no"]);
  expect(safe[0]!.slice(5, 7)).toEqual(["", ""]);
  const workbook = member.waitForEvent("download");
  await trendDownloads.getByRole("link", { name: "Excel workbook (XLSX)" }).click();
  expect(readFileSync(await (await workbook).path()).subarray(0, 2).toString("latin1")).toBe("PK");

  // Weobley's 2 reach a CSP member as empty cells with the flag, and an administrator as numbers.
  const weobley = async (page: Page) => parseCsv(await (await page.request.get(`/reports/wards/${WEOBLEY}/trends.csv`)).text());
  const memberWeobley = (await weobley(member)).filter((r) => r[1] === "feel_safe_after_dark").at(-1)!;
  expect(memberWeobley.slice(5, 12)).toEqual(["", "", "", "", "", "yes", memberWeobley[11]!]);
  const admin = await signedIn(browser, "administrator");
  await admin.goto("/reports");
  const adminWeobley = (await weobley(admin)).filter((r) => r[1] === "feel_safe_after_dark").at(-1)!;
  expect(adminWeobley.slice(5, 7)).toEqual(["2", "2"]);
  expect(adminWeobley[10]).toBe("yes");

  await member.goto("/reports");
  const areaFile = member.waitForEvent("download");
  await member.locator("p", { hasText: "Download this table" }).first().getByRole("link", { name: "CSV" }).click();
  const area = await csvRows(await (await areaFile).path());
  expect(area[0]!.slice(0, 3)).toEqual(["indicator", "indicator key", "area or ward"]);
  const areaSafe = area.find((r) => r[1] === "feel_safe_after_dark")!;
  expect(areaSafe[2]).toBe("Whole area");
  expect(Number(areaSafe[6])).toBeGreaterThanOrEqual(30);
  expect(area.length).toBeGreaterThan(10);
});

test("the public ward page says how results are published with the threshold the administrator set", async ({ browser }) => {
  const resident = await (await browser.newContext()).newPage();
  await resident.goto(`/wards/${KERNE_BRIDGE}`);
  // This file sets the threshold to 30; the default is 50.
  await expect(resident.getByText("Results pool the last four quarters of answers, and are published for every ward where at least 30 residents have answered")).toBeVisible();
  await resident.goto(`/wards/${KERNE_BRIDGE}?lang=cy`);
  await expect(resident.getByText(/o leiaf 30 o drigolion wedi ateb/)).toBeVisible();
});

test("the board report prints each ward from a new page, without the service's navigation", async ({ browser }) => {
  const page = await signedIn(browser, "csp_member");
  await page.goto("/reports");
  await page.getByRole("link", { name: "Board report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Ward trends, / })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Kerne Bridge" })).toBeVisible();
  await expect(page.locator("section.np-board-ward")).toHaveCount(53);
  const kerne = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Kerne Bridge" }) });
  await expect(kerne.getByRole("row", { name: /% who feel safe after dark/ })).toContainText("30 of 30");
  await expect(kerne.locator("svg.np-interval-bar circle")).toHaveCount(1);
  await expect(page.locator("main")).not.toContainText(/\d+ of 2\)/);
  await expect(page.locator("script[src]")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Menu" })).toBeHidden();
  await expect(page.locator(".govuk-generic-header")).toBeHidden();
  await expect(page.locator(".np-report-filters")).toBeHidden();
  await expect(page.locator(".govuk-footer")).toBeHidden();
  expect(await kerne.evaluate((e) => getComputedStyle(e).breakBefore)).toBe("page");
  await page.screenshot({ path: "test-results/screenshots/board-report-print.png" });
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.length).toBeGreaterThan(0);
});
