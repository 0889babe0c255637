import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startServer, type ServerProcess } from "~/cli/server-process";
import { hashPassword } from "~/lib/auth/password";
import { openDatabase } from "~/lib/db/client";
import { readXlsxRows } from "~/lib/xlsx/read-xlsx-rows";
import { expectNoAxeViolations } from "./support/axe";
import { BROWSER_TEST_PORT } from "./support/accounts";

// Every report page a board member uses, over the demo data a newcomer loads with `npm run
// demo`: thousands of responses in all 53 wards, two partner sources' batches, and a fall in
// feeling safe planted in three wards. The demo goes into a data folder of its own, loaded by
// the command itself, and a second server serves it, so the rest of the suite keeps its own data.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const PORT = BROWSER_TEST_PORT + 7;
const MEMBER = { email: "demo.member@example.test", password: "a long demo pass phrase" };
let folder: string;
let server: ServerProcess;
let page: Page;
/** With SCREENSHOTS=1, keeps a picture of the page for a person to look at. */
const screenshot = async (name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: `test-results/screenshots/demo-${name}.png`, fullPage: true });
};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  folder = mkdtempSync(path.join(tmpdir(), "np-demo-browser-"));
  const env = { ...process.env, PGLITE_DIR: folder, DATABASE_URL: "", ASTRO_TELEMETRY_DISABLED: "1" };
  const demo = spawnSync(process.execPath, ["--import", "tsx", "src/cli/demo.ts"], { env, encoding: "utf8" });
  expect(demo.status, demo.stdout + demo.stderr).toBe(0);
  expect(demo.stdout).toMatch(/Loaded [\d,]+ responses/);
  const db = await openDatabase({ kind: "pglite", dataDir: folder });
  try {
    await db.insertInto("app_user").values({
      email: MEMBER.email, display_name: "Demo board member", role: "csp_member",
      password_hash: await hashPassword(MEMBER.password), password_changed_at: new Date(),
    }).execute();
  } finally {
    await db.destroy();
  }
  server = await startServer(PORT, { PGLITE_DIR: folder, DATABASE_URL: "" });
  page = await (await browser.newContext({ baseURL: server.base })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(MEMBER.email);
  await page.getByLabel("Password").fill(MEMBER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("link", { name: "Ward trends" })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test("the overview shows every indicator for the area, the demo warning, and the planted wards' real changes first", async () => {
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Ward trends: overview" })).toBeVisible();
  await expect(page.getByText("Demo data is loaded.")).toBeVisible();
  await expect(page.getByRole("row", { name: /% who feel safe after dark/ })).toContainText(/\d+%/);
  // The list straight after its heading: planted wards, whose fall the demo plants to be found.
  const changes = page.locator("h2:has-text('Wards with a real change') + ul");
  await expect(changes).toContainText(/Central|Widemarsh|Leominster South/);
  // One entry per ward, its indicators under it: a ward that changed on many reads as one finding.
  const wardsListed = await changes.locator(":scope > li > a").allTextContents();
  expect(wardsListed.length).toBeGreaterThan(0);
  expect(new Set(wardsListed).size).toBe(wardsListed.length);
  await expectNoAxeViolations(page);
  await screenshot("overview");
});

test("a planted ward's page shows its fall in feeling safe, with a trend table per indicator", async () => {
  await page.goto("/reports");
  await page.getByRole("link", { name: "% who feel safe after dark" }).first().click();
  await page.getByRole("link", { name: "Central", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Central" })).toBeVisible();
  await expect(page.locator("table").filter({ hasText: "% who feel safe after dark" }).first()).toContainText(/\d+%/);
  await expect(page.locator("main")).toContainText(/Down \d+ points since [^,]+, a real change at 95% confidence/);
  await expectNoAxeViolations(page);
  await screenshot("ward");
});

test("a ward's page sets the demo's recorded crime beside feeling safe, on a chart with both series on their own axes", async () => {
  // No animation, so the chart is fully drawn when its pixels are read.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/reports/wards/E05009449");
  const section = page.locator("section[aria-labelledby=recorded-crime]");
  const table = section.getByRole("table", { name: /Recorded crime and anti-social behaviour beside feeling safe after dark, Central/ });
  await expect(table.locator("tbody tr").first().locator("td").nth(0)).toHaveText(/^\d+$/);
  await expect(table.locator("tbody tr").first().locator("td").nth(2)).toHaveText("3 months of 3");
  expect((await table.locator("tbody tr td:nth-of-type(4)").allTextContents()).filter((cell) => /\d+%/.test(cell)).length).toBeGreaterThanOrEqual(2);
  const chart = section.getByRole("img", { name: /Line chart with two axes: the percentage who feel safe after dark \(left axis\) and recorded crime \(right axis/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-details", "recorded-crime-table");
  // Both series are drawn: pixels in the perception line's blue and in the crime line's grey.
  const inks = await chart.evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    const near = (i: number, [r, g, b]: number[]) => Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 24 && data[i + 3]! > 200;
    let blue = 0;
    let grey = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, [29, 112, 184])) blue++;
      if (near(i, [80, 90, 95])) grey++;
    }
    return { blue, grey };
  });
  expect(inks.blue).toBeGreaterThan(200);
  expect(inks.grey).toBeGreaterThan(200);
  await expectNoAxeViolations(page);
});

test("the worry and recorded crime view ranks the wards with figures to rank, furthest apart first", async () => {
  await page.goto("/reports/perception-and-crime");
  // The latest quarter is still running, so its crime is not all in: rank four quarters to the one before.
  const periods = await page.getByLabel("Period").locator("option").allTextContents();
  await page.getByLabel("Period").selectOption({ label: periods[1]! }); // latest first
  await page.getByLabel("Four quarters to it").check();
  await page.getByRole("button", { name: "Show figures" }).click();
  const table = page.getByRole("table", { name: /Wards by the gap between worry and recorded crime/ });
  const rows = table.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  const described = await rows.locator("td:nth-of-type(3)").allTextContents();
  expect(described.every((d) => ["More worry than recorded crime suggests", "Less worry than recorded crime suggests", "In step"].includes(d))).toBe(true);
  // Furthest apart first: the "in step" wards, if any, come after every ward that is not.
  const firstInStep = described.indexOf("In step");
  if (firstInStep >= 0) expect(described.slice(firstInStep).every((d) => d === "In step")).toBe(true);
  await expectNoAxeViolations(page);
});

test("the indicator page maps every ward, with a legend and the table as its text alternative", async () => {
  await page.goto("/reports/indicators/feel_safe_after_dark");
  await expect(page.locator("svg.np-ward-map a")).toHaveCount(53);
  await expect(page.getByRole("table").filter({ hasText: "Leominster South" })).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot("indicator");

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV", exact: true }).click();
  const csv = readFileSync(await (await csvDownload).path(), "utf8").split("\r\n");
  expect(csv[0]).toMatch(/^\uFEFFarea or ward,ward code,period,numerator,base,percentage/);
  // The whole area and 53 wards, each with a base of some hundreds of demo responses.
  expect(csv.filter((line) => /^[^,]+,E05\d{6},/.test(line))).toHaveLength(53);

  const xlsxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel workbook (XLSX)" }).click();
  const rows: string[][] = [];
  for await (const row of readXlsxRows(await (await xlsxDownload).path())) rows.push(row.map(String));
  expect(rows[0]!.slice(0, 3)).toEqual(["area or ward", "ward code", "period"]);
  expect(rows).toHaveLength(55);
});

test("the indicator page keeps to residents' web survey, or to partners, when asked", async () => {
  await page.goto("/reports/indicators/feel_safe_after_dark?pooling=rolling_year");
  await page.getByRole("group", { name: "Sources included" }).getByLabel("Residents’ web survey only").check();
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page).toHaveURL(/sources=web/);
  await expect(page.getByLabel("Residents’ web survey only")).toBeChecked();
  const table = page.getByRole("table").filter({ hasText: "Leominster South" });
  const sources = await table.locator("tbody tr td:last-child").allTextContents();
  // Every ward shown has its figure from the web alone; hidden wards name no source.
  expect(sources.filter((text) => text.trim() !== "").length).toBeGreaterThan(0);
  expect(sources.every((text) => ["", "Web"].includes(text.trim()))).toBe(true);
  await expectNoAxeViolations(page);

  // And to partners alone: no ward's figure then comes from the web.
  await page.getByRole("group", { name: "Sources included" }).getByLabel("Partners only").check();
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page).toHaveURL(/sources=partners/);
  const partnerSources = await table.locator("tbody tr td:last-child").allTextContents();
  expect(partnerSources.filter((text) => text.trim() !== "").length).toBeGreaterThan(0);
  expect(partnerSources.some((text) => text.includes("Web"))).toBe(false);
  await screenshot("indicator-rolling-partners-only");
});

test("the sources page shows the web and both demo partner sources", async () => {
  await page.goto("/reports/sources");
  await expect(page.locator("table").first()).toContainText("Web");
  await expect(page.locator("body")).toContainText("Demo: Herefordshire Council");
  await expectNoAxeViolations(page);
});

test("the board report prints every ward", async () => {
  await page.goto("/reports/board");
  await expect(page.getByRole("heading", { level: 2, name: "Leominster South" })).toBeVisible();
  await expectNoAxeViolations(page);
});
