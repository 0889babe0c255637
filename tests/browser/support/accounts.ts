import { generateTOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { expect, type Page } from "@playwright/test";

export const BROWSER_TEST_PORT = Number(process.env.BROWSER_TEST_PORT ?? 4329);
/** The server writes its first-administrator set-up link here (SETUP_LINK_FILE) for the set-up project. */
export const SETUP_LINK_FILE = `/tmp/neighbourhood-pulse-browser-tests-${BROWSER_TEST_PORT}-setup-link.txt`;

export const STORAGE = {
  administrator: "test-results/.auth/administrator.json",
  engagement_officer: "test-results/.auth/engagement-officer.json",
  csp_member: "test-results/.auth/csp-member.json",
} as const;

export const PEOPLE = {
  administrator: { email: "ada.admin@herefordshire.example", name: "Ada Admin", password: "correct horse battery staple" },
  csp_member: { email: "carl.member@herefordshire.example", name: "Carl Member", password: "kettle marmalade lighthouse" },
  engagement_officer: { email: "olu.officer@westmercia.example", name: "Olu Officer", password: "tangerine bicycle harbour" },
} as const;

export const TOTP_KEY_FILE = "test-results/.auth/administrator-totp-key.txt";

/**
 * The administrator's current code, `stepsAhead` time steps on: the server accepts one step
 * of drift and never the same step twice, so a later sign-in in the same 30 s uses the next step.
 */
export function totpCode(keyBase32: string, stepsAhead = 0): string {
  const key = decodeBase32IgnorePadding(keyBase32.replace(/\s+/g, ""));
  const realNow = Date.now;
  Date.now = () => realNow() + stepsAhead * 30_000;
  try {
    return generateTOTP(key, 30, 6);
  } finally {
    Date.now = realNow;
  }
}

export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectHeading(page: Page, name: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}
