import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { deflateZipEntry, zipArchive } from "~/lib/xlsx/zip-archive";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";
import { csvRows } from "./support/csv";

test.describe.configure({ mode: "serial" });

const FIXTURES = "tests/fixtures/police";
const MARCH = `${FIXTURES}/2024-03-west-mercia-street.csv`;
const APRIL = `${FIXTURES}/2024-04-west-mercia-street.csv`;

async function upload(page: Page, files: string[]) {
  await page.getByLabel("Upload street-level crime files").setInputFiles(files);
  await page.getByRole("button", { name: "Check the files" }).click();
}
/** The figures of a load in the history table, by column. */
async function loadFigures(row: Locator) {
  const cells = row.locator("td");
  return {
    rowsRead: await cells.nth(1).innerText(),
    crimes: await cells.nth(2).innerText(),
    antiSocialBehaviour: await cells.nth(3).innerText(),
    withoutLocation: await cells.nth(4).innerText(),
    outsideArea: await cells.nth(5).innerText(),
    status: (await cells.nth(6).innerText()).split("\n")[0],
  };
}
const wardRow = (page: Page, name: string) => page.locator("#wards tbody tr").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

test("an administrator is told what is wrong with files that cannot be loaded", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/recorded-crime");
  await expect(page.getByRole("heading", { level: 1, name: "Recorded crime" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Recorded crime" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("No recorded crime has been loaded yet.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Check the files" }).click();
  await expect(page).toHaveTitle(/^Error: Recorded crime/);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Select one or more street-level crime CSV files from data.police.uk, or a ZIP of them" })).toHaveAttribute("href", "#crimeFiles");
  await expect(page.locator("#crimeFiles-error")).toContainText("Select one or more street-level crime CSV files");
  await expectNoAxeViolations(page);

  await upload(page, [`${FIXTURES}/2024-03-west-mercia-outcomes.csv`]);
  await expect(summary).toContainText("2024-03-west-mercia-outcomes.csv is not a data.police.uk street-level crime file: it has no “Crime type” column");

  await upload(page, [`${FIXTURES}/2024-05-bad-rows-street.csv`]);
  await expect(summary).toContainText("The files have 4 problems, listed below the form. Nothing was loaded");
  const problems = page.locator("#file-problems");
  await expect(problems.getByRole("row")).toHaveCount(5);
  await expect(problems).toContainText('"Burgalry" is not one of the crime types data.police.uk publishes');
  await expect(problems).toContainText("The longitude 350912 is not between -180 and 180 degrees");
  await expectNoAxeViolations(page);

  // A zip bomb: 20 MB of commas that says it is 2 KB.
  const bomb = { ...deflateZipEntry("2024-03/2024-03-west-mercia-street.csv", Buffer.alloc(20_000_000, 44)), size: 2_000 };
  await page.getByLabel("Upload street-level crime files").setInputFiles({ name: "bomb.zip", mimeType: "application/zip", buffer: Buffer.from(zipArchive([bomb])) });
  await page.getByRole("button", { name: "Check the files" }).click();
  await expect(summary).toContainText("bomb.zip is damaged: 2024-03/2024-03-west-mercia-street.csv cannot be unpacked, or unpacks to more than the ZIP says it holds, so nothing was loaded");
  await context.close();
});

test("an administrator previews and loads a month, then loads it again only by choosing to replace it, and undoes it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/recorded-crime");
  await upload(page, [MARCH]);
  await expect(page.getByRole("heading", { level: 1, name: "Check the recorded crime before loading" })).toBeVisible();
  await expect(page.getByText("West Mercia Police", { exact: true })).toBeVisible();
  const summaryList = page.locator(".govuk-summary-list");
  await expect(summaryList.getByRole("definition").filter({ hasText: /^10: 8 crimes and 2 incidents of anti-social behaviour$/ })).toBeVisible();
  await expect(page.locator("#months tbody tr")).toHaveCount(1);
  await expect(page.locator("#months tbody tr").first()).toContainText("March 2024");
  await expect(wardRow(page, "Central").locator("td")).toHaveText(["E05009449", "3", "0"]);
  await expect(wardRow(page, "Backbury").locator("td")).toHaveText(["E05009440", "1", "0"]); // the point on its border with Tupsley
  await expect(wardRow(page, "Tupsley").locator("td")).toHaveText(["E05009486", "1", "1"]);
  await expect(page.locator("#wards tbody tr")).toHaveCount(6);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Load recorded crime" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Recorded crime loaded for March 2024: 10 rows placed in wards");
  const first = page.locator("#loads tbody tr").first();
  expect(await loadFigures(first)).toEqual({ rowsRead: "12", crimes: "8", antiSocialBehaviour: "2", withoutLocation: "1", outsideArea: "1", status: "Counted" });
  await expectNoAxeViolations(page);

  await upload(page, [MARCH]);
  await expect(page.locator(".govuk-warning-text")).toContainText("West Mercia Police's figures for March 2024 are already loaded");
  await page.getByRole("button", { name: "Load recorded crime" }).click();
  await expect(page).toHaveTitle(/^Error: Check the recorded crime before loading/);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("link", { name: "Select “Replace” to load March 2024 again, or upload files without that month" })).toHaveAttribute("href", "#replace");
  await expect(page.locator("#replace-error")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Replace the figures for March 2024").check();
  await page.getByRole("button", { name: "Load recorded crime" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Recorded crime loaded for March 2024");
  const rows = page.locator("#loads tbody tr");
  await expect(rows).toHaveCount(2);
  expect((await loadFigures(rows.nth(0))).status).toBe("Counted");
  expect((await loadFigures(rows.nth(1))).status).toBe("Replaced");

  // Undoing the replacement gives March back to the load it replaced.
  const [replacing, replaced] = [(await rows.nth(0).locator("th").innerText()).split(":")[0], (await rows.nth(1).locator("th").innerText()).split(":")[0]];
  await rows.nth(0).getByRole("button", { name: `Undo load ${replacing}` }).click();
  const banner = page.locator(".govuk-notification-banner--success");
  await expect(banner).toContainText(`Load ${replacing} undone: its figures for March 2024 no longer count`);
  await expect(banner).toContainText(`Load ${replaced}, which it had replaced, counts again for March 2024.`);
  expect(await loadFigures(page.locator("#loads tbody tr").nth(0))).toEqual({ rowsRead: "12", crimes: "8", antiSocialBehaviour: "2", withoutLocation: "1", outsideArea: "1", status: "Undone" });
  expect((await loadFigures(page.locator("#loads tbody tr").nth(1))).status).toBe("Counted");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: `Undo load ${replaced}` }).click();
  await expect(banner).toContainText(`Load ${replaced} undone: its figures for March 2024 no longer count`);
  await expect(banner).not.toContainText("counts again");
  await expect(page.getByRole("button", { name: /^Undo load/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await context.close();
});

test("an officer of a police partner source finds the page from their account and loads two files at once, with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.engagement_officer, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/account");
  await page.getByRole("link", { name: "load recorded crime from data.police.uk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recorded crime" })).toBeVisible();
  await upload(page, [MARCH, APRIL]);
  await expect(page.locator("#months tbody tr")).toHaveCount(2);
  // March was undone above, so neither month is loaded and no choice is asked for.
  await expect(page.getByLabel(/Replace the figures/)).toHaveCount(0);
  await page.getByRole("button", { name: "Load recorded crime" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Recorded crime loaded for March 2024 and April 2024: 13 rows placed in wards");
  const latest = page.locator("#loads tbody tr").first();
  expect(await loadFigures(latest)).toEqual({ rowsRead: "15", crimes: "10", antiSocialBehaviour: "3", withoutLocation: "1", outsideArea: "1", status: "Counted" });
  await latest.getByRole("button", { name: /^Undo load/ }).click();
  expect((await loadFigures(page.locator("#loads tbody tr").first())).status).toBe("Undone");
  await context.close();
});

test("an administrator loads a ZIP of two months as data.police.uk's custom download gives it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.administrator });
  const page = await context.newPage();
  await page.goto("/admin/recorded-crime");
  await upload(page, [`${FIXTURES}/west-mercia-2024-03-to-2024-04.zip`]);
  await expect(page.locator("#months tbody tr")).toHaveCount(2);
  await expect(page.locator(".govuk-summary-list")).toContainText("west-mercia-2024-03-to-2024-04.zip/2024-04/2024-04-west-mercia-street.csv (3 rows)");
  await expect(wardRow(page, "Central").locator("td")).toHaveText(["E05009449", "4", "0"]);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Load recorded crime" }).click();
  expect(await loadFigures(page.locator("#loads tbody tr").first())).toEqual({ rowsRead: "15", crimes: "10", antiSocialBehaviour: "3", withoutLocation: "1", outsideArea: "1", status: "Counted" });
  await page.locator("#loads tbody tr").first().getByRole("button", { name: /^Undo load/ }).click();
  expect((await loadFigures(page.locator("#loads tbody tr").first())).status).toBe("Undone");
  await context.close();
});

test("a CSP member may not load recorded crime", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.csp_member });
  const page = await context.newPage();
  const response = await page.goto("/admin/recorded-crime");
  expect(response?.status()).toBe(403);
  await context.close();
});

test("the ward page sets recorded crime beside feeling safe after dark, as a table and a chart", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  // This month's street file for two crimes and one incident of anti-social behaviour in Central.
  const month = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/London" }).slice(0, 7);
  const row = (n: number, type: string) => `${"c".repeat(63)}${n},${month},West Mercia Police,West Mercia Police,-2.715700,52.054300,On or near Cathedral Close,E01099901,Herefordshire 017A,${type},,`;
  const csv = ["Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context",
    row(1, "Shoplifting"), row(2, "Burglary"), `,${month},West Mercia Police,West Mercia Police,-2.715700,52.054300,On or near Cathedral Close,E01099901,Herefordshire 017A,Anti-social behaviour,,`].join("\r\n");
  await page.goto("/admin/recorded-crime");
  await page.getByLabel("Upload street-level crime files").setInputFiles({ name: `${month}-west-mercia-street.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the files" }).click();
  await page.getByRole("button", { name: "Load recorded crime" }).click();

  await page.goto("/reports/wards/E05009449");
  const table = page.getByRole("table", { name: /Recorded crime and anti-social behaviour beside feeling safe after dark, Central/ });
  const latest = table.locator("tbody tr").last();
  await expect(latest.locator("td").nth(0)).toHaveText(/^2/);
  await expect(latest.locator("td").nth(1)).toHaveText(/^1/);
  await expect(latest.locator("td").nth(2)).toHaveText(/^1 month of 3$/);
  await expect(page.getByText("Recorded crime reflects how much crime people report")).toBeVisible();
  // No perception figure in Central can be shown yet, so no chart: the table is the whole picture.
  await expect(page.locator("section[aria-labelledby=recorded-crime] canvas")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The public JSON carries the counts too: they are data.police.uk's own public data.
  const json = await (await page.request.get("/api/public/indicators.json")).json() as { recordedCrime: { wards: { code: string; crimes: number; antiSocialBehaviour: number }[] } };
  expect(json.recordedCrime.wards.find((w) => w.code === "E05009449")).toMatchObject({ crimes: 2, antiSocialBehaviour: 1 });

  // The ward's table as a file: this quarter's row has the month's 2 crimes and 1 ASB incident.
  const wardFile = page.waitForEvent("download");
  await page.locator("section[aria-labelledby=recorded-crime]").getByRole("link", { name: "CSV", exact: true }).click();
  expect((await wardFile).suggestedFilename()).toMatch(/^E05009449-recorded-crime-.+\.csv$/);
  const wardRows = await csvRows(await (await wardFile).path());
  expect(wardRows[0]!.slice(3, 9)).toEqual(["recorded crime", "anti-social behaviour", "recorded crime per 1,000 aged 16+", "anti-social behaviour per 1,000 aged 16+", "months loaded", "months in period"]);
  const thisQuarter = wardRows.at(-1)!;
  expect([thisQuarter[0], thisQuarter[1], thisQuarter[3], thisQuarter[4], thisQuarter[7], thisQuarter[8]]).toEqual(["Central", "E05009449", "2", "1", "1", "3"]);

  // The overview sets the whole area's recorded crime beside the area's figure: the same month,
  // and nothing else counted (every earlier load was undone).
  await page.goto("/reports");
  const area = page.getByRole("table", { name: "Recorded crime and anti-social behaviour beside feeling safe after dark, the whole area" });
  const areaLatest = area.locator("tbody tr").last();
  await expect(areaLatest.locator("td").nth(0)).toHaveText(/^2( \(|$)/);
  await expect(areaLatest.locator("td").nth(1)).toHaveText(/^1( \(|$)/);
  await expect(areaLatest.locator("td").nth(2)).toHaveText("1 month of 3");
  await expect(area.locator("tbody tr").first().locator("td").nth(0)).toHaveText("Not loaded");
  await expect(page.locator("section[aria-labelledby=recorded-crime]").getByText("Recorded crime reflects how much crime people report")).toBeVisible();
  await expectNoAxeViolations(page);
  // The area's table as a file too, named and coded as the local authority.
  const areaFile = page.waitForEvent("download");
  await page.locator("section[aria-labelledby=recorded-crime]").getByRole("link", { name: "CSV", exact: true }).click();
  expect((await areaFile).suggestedFilename()).toMatch(/^area-recorded-crime-.+\.csv$/);
  const areaRows = await csvRows(await (await areaFile).path());
  expect(areaRows[0]!.slice(0, 4)).toEqual(["area", "area code", "period", "recorded crime"]);
  expect([areaRows.at(-1)![0], areaRows.at(-1)![1], areaRows.at(-1)![3], areaRows.at(-1)![4], areaRows.at(-1)![7]]).toEqual(["Herefordshire, County of", "E06000019", "2", "1", "1"]);
  const areaWorkbook = page.waitForEvent("download");
  await page.locator("section[aria-labelledby=recorded-crime]").getByRole("link", { name: "Excel workbook (XLSX)" }).click();
  expect(readFileSync(await (await areaWorkbook).path()).subarray(0, 2).toString("latin1")).toBe("PK");
  expect((await page.request.get("/reports/crime.csv?period=999999")).status()).toBe(400);

  await page.getByRole("link", { name: "Worry and recorded crime" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Worry and recorded crime, ward by ward" })).toBeVisible();
  await expect(page.getByText("A prompt for the board to ask why, not a verdict.")).toBeVisible();
  await expectNoAxeViolations(page);

  // Central is not ranked (one month of three loaded, and no published figure), so its row has
  // its recorded crime and reason but no perception figure or base.
  const gapFile = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV", exact: true }).click();
  expect((await gapFile).suggestedFilename()).toMatch(/^perception-and-crime-.+\.csv$/);
  const gapRows = await csvRows(await (await gapFile).path());
  const central = gapRows.find((r) => r[1] === "E05009449")!;
  expect([central[0], central[3], central[4], central[5], central[6], central[8], central[9]]).toEqual(["Central", "", "", "2", "1", "1", "3"]);
  expect(central[13]).toMatch(/^Not ranked: /);
  expect(gapRows).toHaveLength(1 + 53);
  const workbook = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel workbook (XLSX)" }).click();
  expect(readFileSync(await (await workbook).path()).subarray(0, 2).toString("latin1")).toBe("PK");

  // A download with a bad filter (a link edited by hand, say) gives a page that says what is wrong.
  const badFilter = await page.request.get("/reports/perception-and-crime.csv?pooling=decade");
  expect(badFilter.status()).toBe(400);
  expect(badFilter.url()).toContain("/reports/download-problem?pooling=decade");
  expect(await badFilter.text()).toContain("The table could not be downloaded");
  await page.goto("/reports/indicators/feel_safe_after_dark.xlsx?period=999999");
  await expect(page.getByRole("heading", { level: 1, name: "The table could not be downloaded" })).toBeVisible();
  await expectNoAxeViolations(page);
  if (process.env.SCREENSHOTS) await page.screenshot({ path: "test-results/screenshots/download-problem.png", fullPage: true });
  expect((await page.request.get("/reports/wards/E05000000/crime.xlsx")).status()).toBe(404);
});
