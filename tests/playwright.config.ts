import { defineConfig, devices } from "@playwright/test";

import { BROWSER_TEST_PORT as PORT, SETUP_LINK_FILE } from "./browser/support/accounts";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    // Debian's Chromium: Playwright cannot download its own browser on these machines.
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  },
};
const DEMO = /demo-reports\.spec\.ts/;

// The suite shares one server and its database, so its files run one at a time, in name order.
// The demo reports start a server of their own on their own data, so they run beside the rest
// on the second core: about a minute of CI's budget.
export default defineConfig({
  testDir: "./browser",
  outputDir: "../test-results",
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    timezoneId: "Europe/London",
    locale: "en-GB",
  },
  projects: [
    { name: "accounts", testMatch: /accounts\.setup\.ts/, workers: 1, use: chromium },
    { name: "chromium", dependencies: ["accounts"], testIgnore: DEMO, workers: 1, use: chromium },
    { name: "demo", testMatch: DEMO, workers: 1, use: chromium },
  ],
  webServer: {
    command: "npm start",
    cwd: "..",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: { PORT: String(PORT), PGLITE_DIR: "memory://", ASTRO_TELEMETRY_DISABLED: "1", SETUP_LINK_FILE },
  },
});
