import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";

test.describe("the home page", () => {
  test("says who runs the service and how many wards answers count for, with no axe violations", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Home – Neighbourhood Pulse");
    await expect(page.getByRole("heading", { level: 1, name: "Neighbourhood Pulse" })).toBeVisible();
    await expect(page.getByText("Herefordshire Community Safety Partnership asks residents")).toBeVisible();
    await expect(page.getByText("Herefordshire, County of has 53 wards")).toBeVisible();
    await expect(page.getByText("Office for National Statistics licensed under the Open Government Licence")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("is styled by GOV.UK Frontend without the GOV.UK crown or Transport font", async ({ page }) => {
    const fontRequests: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "font") fontRequests.push(request.url());
    });
    await page.goto("/");
    const header = page.locator(".govuk-generic-header");
    await expect(header).toBeVisible();
    expect(await header.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
    expect(await page.locator(".govuk-body-l").evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^arial/i);
    await expect(page.locator("svg.govuk-header__logotype, .govuk-logo, .govuk-footer__crown")).toHaveCount(0);
    expect(fontRequests).toEqual([]);
  });

  test("fits a 320 pixel wide screen with no axe violations", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto("/");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page);
    await context.close();
  });

  test("works without JavaScript, with the skip link first in the tab order", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Neighbourhood Pulse" })).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main-content$/);
    await context.close();
  });

  test("sends security headers that forbid inline script and framing", async ({ request }) => {
    const response = await request.get("/");
    const headers = response.headers();
    expect(headers["content-security-policy"]).toContain("script-src 'self'");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
  });
});

test.describe("the service's edges", () => {
  test("/healthz reports the database as reachable", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  test("an unknown address gets a GOV.UK 'Page not found' with a 404 status", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a cross-site form post is refused by the origin check", async ({ request }) => {
    const response = await request.post("/", { headers: { Origin: "https://attacker.example", "Content-Type": "application/x-www-form-urlencoded" }, data: "a=1" });
    expect(response.status()).toBe(403);
  });
});
