// `npm test`: every test, in the order that fails fastest, saying what it does at each step.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { createScratchDatabase } from "~/lib/db/scratch-database";
import { ensureChromium } from "./ensure-chromium";

type Stage = { name: string; seconds: number; ok: boolean; passed: number; failed: number; note?: string };
const stages: Stage[] = [];
const work = mkdtempSync(path.join(tmpdir(), "np-test-"));
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.FORCE_COLOR ?? "1" };

function stage(name: string, args: string[], count?: () => { passed: number; failed: number }, extraEnv: Record<string, string> = {}) {
  console.log(`\n▶ ${name}\n  $ ${args.map((a) => path.relative(process.cwd(), a) || a).join(" ")}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = (performance.now() - started) / 1000;
  let counts = { passed: 0, failed: 0 };
  try {
    if (count) counts = count();
  } catch {
    counts = { passed: 0, failed: result.status === 0 ? 0 : 1 };
  }
  const ok = result.status === 0;
  // A runner that crashed before reporting still counts as a failure.
  if (!ok && counts.failed === 0) counts.failed = 1;
  stages.push({ name, seconds, ok, ...counts });
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const database = describeDatabase(parseConfig(process.env).database);
console.log(`Neighbourhood Pulse tests: type-check, unit, integration (PGlite${process.env.DATABASE_URL ? ` and ${database}` : ""}), build, server, browser (Chromium).`);
if (!process.env.DATABASE_URL) console.log("  DATABASE_URL is not set: integration tests run on PGlite only (.ci/run adds a throwaway PostgreSQL).");

stage("Type-check (astro check)", ["node_modules/astro/bin/astro.mjs", "check", "--minimumFailingSeverity", "warning"]);

const vitestJson = path.join(work, "vitest.json");
stage(
  "Unit and integration tests (vitest)",
  ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts", "--project", "unit", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
  () => vitestCounts(vitestJson),
);

function vitestCounts(file: string) {
  const report = readJson(file);
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.numFailedTestSuites ?? 0) };
}

// The server tests start dist/server/entry.mjs as a real process, so they come after the build.
stage("Production build (astro build)", ["node_modules/astro/bin/astro.mjs", "build", "--silent"]);
const serverJson = path.join(work, "vitest-server.json");
stage(
  "Server tests: load, faults, two processes, hostile input (vitest, short form; full: npm run test:load)",
  ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts", "--project", "server", "--reporter=default", "--reporter=json", `--outputFile.json=${serverJson}`],
  () => vitestCounts(serverJson),
);

console.log("\n▶ Browser for the browser tests");
const chromium = ensureChromium((line) => console.log(`  ${line}`));
if (chromium.ok) {
  console.log(`  Using ${chromium.path}`);
  const playwrightJson = path.join(work, "playwright.json");
  // The browser tests start from an empty database (the first administrator's set-up included),
  // so on PostgreSQL they get a database of their own, dropped afterwards.
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, "np_browser") : null;
  if (scratch) console.log(`  Browser tests use a new PostgreSQL database on the same server, dropped afterwards.`);
  stage(
    "Browser tests (Playwright in Chromium, with axe)",
    ["node_modules/@playwright/test/cli.js", "test", "--config", "tests/playwright.config.ts"],
    () => {
      const { stats } = readJson(playwrightJson);
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
    },
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, CHROMIUM_PATH: chromium.path, ...(scratch ? { DATABASE_URL: scratch.url } : {}) },
  );
  await scratch?.drop();
} else {
  console.log(`  ✗ ${chromium.reason}`);
  stages.push({ name: "Browser tests (Playwright in Chromium, with axe)", seconds: 0, ok: false, passed: 0, failed: 1, note: chromium.reason });
}

const passed = stages.reduce((sum, s) => sum + s.passed, 0);
const failed = stages.reduce((sum, s) => sum + s.failed, 0);
console.log("\nSummary");
for (const s of stages) {
  const counts = s.passed + s.failed > 0 ? `${s.passed} passed, ${s.failed} failed` : s.ok ? "clean" : "failed";
  console.log(`  ${s.ok ? "✓" : "✗"} ${s.name}: ${counts} (${s.seconds.toFixed(1)} s)${s.note ? ` — ${s.note}` : ""}`);
}
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(stages.every((s) => s.ok) ? 0 : 1);
