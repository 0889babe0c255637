import { expect, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

/**
 * Answers every question on the current page with the first option, using the keyboard only:
 * Tab into each unanswered radio group, Space to choose, then Enter on the button.
 */
export async function answerPageByKeyboard(page: Page, buttonName: RegExp): Promise<void> {
  for (let presses = 0; presses < 200; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return { kind: "none" };
      if (el.type === "radio") {
        const groupAnswered = !!document.querySelector(`input[name="${el.name}"]:checked`);
        return { kind: "radio", groupAnswered, optional: /optional|dewisol/.test(el.closest("fieldset")?.querySelector("legend")?.textContent ?? "") };
      }
      return { kind: el.tagName === "BUTTON" ? "button" : "other", text: el.textContent ?? "" };
    });
    if (focused.kind === "radio" && !focused.groupAnswered && !focused.optional) await page.keyboard.press("Space");
    if (focused.kind === "button" && buttonName.test(focused.text ?? "")) {
      const before = page.url();
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.toString() !== before);
      return;
    }
  }
  throw new Error("Never reached the button by keyboard");
}

/** Presses Tab until a link with this text has focus, then Enter: what a keyboard user does. */
export async function followLinkByKeyboard(page: Page, text: string): Promise<void> {
  for (let presses = 0; presses < 200; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => (document.activeElement?.tagName === "A" ? document.activeElement.textContent?.trim() : null));
    if (focused === text) {
      const before = page.url();
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.toString() !== before);
      return;
    }
  }
  throw new Error(`Never reached the link "${text}" by keyboard`);
}

/** Clicks through the question pages choosing each first option, checking axe on each when asked. */
export async function answerAllQuestions(page: Page, options: { axe: boolean; continueLabel: RegExp }): Promise<number> {
  let pages = 0;
  while (/\/questions\/\d+/.test(page.url())) {
    pages++;
    await expect(page.locator(".govuk-caption-l")).toHaveText(/(Page|Tudalen) \d+ (of|o) \d+/);
    if (options.axe) await expectNoAxeViolations(page);
    for (const fieldset of await page.locator("fieldset").all()) {
      const legend = (await fieldset.locator("legend").innerText()).trim();
      if (/\((optional|dewisol)\)$/.test(legend)) continue;
      await fieldset.locator("input[type=radio]").first().check();
    }
    await page.getByRole("button", { name: options.continueLabel }).click();
    if (pages > 20) throw new Error("Too many question pages");
  }
  return pages;
}
