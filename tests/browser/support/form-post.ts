import { expect, type APIResponse, type Page } from "@playwright/test";

/**
 * Sends a form post as the page's own form would, in its session and from its origin (the site
 * refuses cross-site posts), following the redirect; fails unless the answer is a success.
 * For setting up many responses without drawing every page.
 */
export async function postForm(page: Page, pathname: string, form: Record<string, string>): Promise<APIResponse> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}${pathname}`, { form, headers: { Origin: origin } });
  expect(response.ok(), `${pathname}: ${response.status()}`).toBe(true);
  return response;
}

/** Where a followed post ended up. */
export const landedOn = (response: APIResponse): string => new URL(response.url()).pathname;
