import { defineConfig, devices } from "@playwright/test";

import { BROWSER_TEST_PORT as PORT, SETUP_LINK_FILE } from "./browser/support/accounts";

// Debian's Chromium: Playwright cannot download its own browser on these machines.
export default defineConfig({
  testDir: "./browser",
  outputDir: "../test-results",
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    timezoneId: "Europe/London",
    locale: "en-GB",
  },
  projects: [
    {
      name: "accounts",
      testMatch: /accounts\.setup\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
    {
      name: "chromium",
      dependencies: ["accounts"],
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
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
