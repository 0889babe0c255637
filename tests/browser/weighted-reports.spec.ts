import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { STORAGE } from "./support/accounts";
import { landedOn, postForm } from "./support/form-post";

test.describe.configure({ mode: "serial" });

/**
 * Answers the default survey in a ward, feeling very safe (each required question's first
 * option), giving the age band and sex asked for. Sent as the pages' own form posts, reading each
 * question page's radios from its HTML, without drawing the pages: nine residents clicking
 * through took about a minute of CI's time, and the pages are tested in resident-survey.spec.ts.
 */
async function respond(page: Page, wardCode: string, age: string, sex: string): Promise<void> {
  const post = (pathname: string, form: Record<string, string>) => postForm(page, `/surveys/feeling-safe${pathname}`, form);
  await post("", {});
  let response = await post("/ward/confirm", { ward: wardCode });
  for (let pages = 0; /\/questions\/\d+$/.test(landedOn(response)); pages++) {
    if (pages > 20) throw new Error("Too many question pages");
    const form: Record<string, string> = {};
    for (const fieldset of (await response.text()).split("<fieldset").slice(1)) {
      const legend = /<legend[^>]*>([\s\S]*?)<\/legend>/.exec(fieldset)?.[1] ?? "";
      const radios = [...fieldset.matchAll(/<input[^>]*type="radio"[^>]*>/g)].map(([input]) => ({ name: /name="([^"]+)"/.exec(input)![1]!, value: /value="([^"]+)"/.exec(input)![1]! }));
      if (radios.length === 0) continue;
      const name = radios[0]!.name;
      if (name === "age_band") form[name] = age;
      else if (name === "sex") form[name] = sex;
      else if (!/\(optional\)/.test(legend)) form[name] = radios[0]!.value;
    }
    response = await postForm(page, landedOn(response), form);
  }
  expect(landedOn(response)).toBe("/surveys/feeling-safe/check");
  expect(landedOn(await post("/check", { website: "" }))).toBe("/surveys/feeling-safe/done");
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  // Made-up estimates for every ward (tests/fixtures/population), as for the year 2022.
  const admin = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await admin.goto("/admin/population");
  await admin.getByLabel("Upload a CSV file").setInputFiles("tests/fixtures/population/herefordshire-made-up.csv");
  await admin.getByLabel("Year of the estimates (optional)").fill("2022");
  await admin.getByRole("button", { name: "Load population estimates" }).click();
  await expect(admin.locator(".govuk-notification-banner--success")).toContainText("Population estimates for 2022 loaded");

  // Two wards where no other browser test answers, so the figures hold whatever runs first.
  // Greyfriars: a woman and a man aged 16 to 24 and one resident in each older band, so both
  // margins have somebody in every category and raking can match them. Dinedor Hill: one
  // resident aged 16 to 24, so every other band's margin is empty there.
  const resident = await (await browser.newContext()).newPage();
  await resident.goto("/surveys/feeling-safe");
  const bands = ["age_16_24", "age_16_24", "age_25_34", "age_35_44", "age_45_54", "age_55_64", "age_65_74", "age_75_plus"];
  for (const [i, band] of bands.entries()) await respond(resident, "E05009456", band, i % 2 === 0 ? "female" : "male");
  await respond(resident, "E05009452", "age_16_24", "female");
});

test("an administrator weights an indicator's ward table with the filter, and sees where weighting was not possible", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.administrator })).newPage();
  await page.goto("/reports/indicators/feel_safe_after_dark");
  await expect(page.getByRole("heading", { level: 1, name: "% who feel safe after dark" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Greyfriars/ })).not.toContainText("weighted");

  await page.getByLabel("Weighted to each ward’s population by age band and sex").check();
  await page.getByRole("button", { name: "Show figures" }).click();
  await expect(page).toHaveURL(/weighted=yes/);
  await expect(page.getByLabel("Weighted to each ward’s population by age band and sex")).toBeChecked();
  await expect(page.getByText(/Figures marked “weighted” are weighted to each ward’s population/)).toBeVisible();

  const greyfriars = page.getByRole("row", { name: /^Greyfriars/ });
  await expect(greyfriars).toContainText(/100% \(weighted\) \(\d+% to 100%; effective base \d+ from 8 responses, design effect \d\.\d\d\)/);
  await expect(greyfriars).toContainText("Suppressed: administrators only");
  const dinedor = page.getByRole("row", { name: /Dinedor Hill/ });
  await expect(dinedor).toContainText(/100% \(\d+% to 100%; 1 of 1\)/);
  await expect(dinedor).toContainText(/Not weighted: no respondent gave their age band as 25 to 34, which has [\d,]+ people in the 2022 population estimates \(an empty margin\)\./);
  await expectNoAxeViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV", exact: true }).click();
  const lines = readFileSync(await (await download).path(), "utf8").split("\r\n");
  expect(lines[0]).toMatch(/,sources,effective base,weighted,baseline period,change from baseline in points,real change from baseline$/);
  expect(lines.find((line) => line.startsWith("Greyfriars,"))).toMatch(/^Greyfriars,E05009456,[^,]+,,8,100,\d+(\.\d)?,100,yes,below_threshold,,,Web,\d+(\.\d)?,yes,,,$/);
  expect(lines.find((line) => line.startsWith("Dinedor Hill,"))).toMatch(/,1,1,100,.*,"?not possible: no respondent gave their age band as 25 to 34/);
});

test("a CSP member sees the same figures hidden with weighting on as off", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: STORAGE.csp_member })).newPage();
  await page.goto("/reports/indicators/feel_safe_after_dark?weighted=yes");
  for (const ward of ["Greyfriars", "Dinedor Hill"]) {
    const row = page.getByRole("row", { name: new RegExp(`^${ward}`) });
    await expect(row).toContainText("Fewer than 50 responses");
    await expect(row).not.toContainText(/weighted|effective base|\d+%/i);
  }
  await expectNoAxeViolations(page);
});
