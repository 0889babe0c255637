// `npm run bench`: figures, each beside a baseline measured in the same run on this machine.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { benchAuth } from "./bench-auth";
import { benchCrimePlacement } from "./bench-crime";
import { benchImports } from "./bench-imports";
import { benchReports } from "./bench-reports";
import { benchSurvey } from "./bench-survey";
import { buildIfNeeded } from "./build-if-needed";
import { runLoadTargets } from "./load-targets";

const RUNS = 3;
const TSX = "node_modules/tsx/dist/cli.mjs";
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeToFirst200(command: string[], env: Record<string, string>, url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, command, { env: { ...process.env, ...env }, stdio: "ignore" });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited with ${child.exitCode} before answering`);
      if (performance.now() - started > 60_000) throw new Error(`${url} did not answer within 60 s`);
      const ok = await fetch(url).then((r) => r.status === 200, () => false);
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await stop(child);
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

const port = 4391;
const healthz = `http://127.0.0.1:${port}/healthz`;
const bareServer = ["-e", `require("http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1")`];
const startCommand = [TSX, "src/cli/start.ts"];
const baseEnv = { PORT: String(port), HOST: "127.0.0.1", ASTRO_TELEMETRY_DISABLED: "1" };

buildIfNeeded(console.log);
console.log(`Neighbourhood Pulse benchmarks (median of ${RUNS} runs; ratios are against a baseline measured in this run)\n`);

const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) baseline.push(await timeToFirst200(bareServer, {}, healthz));
const baselineMs = median(baseline);
console.log(`baseline: bare Node http server, start to first 200: ${baselineMs.toFixed(0)} ms`);

const report = (label: string, ms: number) => console.log(`${label}: ${ms.toFixed(0)} ms = ${(ms / baselineMs).toFixed(1)}x baseline`);

const fresh: number[] = [];
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), "np-bench-pglite-"));
  fresh.push(await timeToFirst200(startCommand, { ...baseEnv, PGLITE_DIR: dir, DATABASE_URL: "" }, healthz));
  warm.push(await timeToFirst200(startCommand, { ...baseEnv, PGLITE_DIR: dir, DATABASE_URL: "" }, healthz));
  rmSync(dir, { recursive: true, force: true });
}
report("start-up to first 200 on /healthz, PGlite, new data folder (initdb, migrate, seed)", median(fresh));
report("start-up to first 200 on /healthz, PGlite, existing data folder", median(warm));

let databaseUrl = process.env.DATABASE_URL;
let startedPostgres = false;
if (!databaseUrl && existsSync("/usr/lib/postgresql/15/bin/initdb")) {
  const result = spawnSync("bash", [".ci/pg-throwaway.sh", "start"], { env: { ...process.env, PGPORT: "55439" }, encoding: "utf8" });
  if (result.status === 0) {
    databaseUrl = result.stdout.trim().replace(/^DATABASE_URL=/, "");
    startedPostgres = true;
  }
}
if (databaseUrl) {
  const pg: number[] = [];
  for (let i = 0; i < RUNS; i++) pg.push(await timeToFirst200(startCommand, { ...baseEnv, DATABASE_URL: databaseUrl }, healthz));
  report("start-up to first 200 on /healthz, PostgreSQL 15", median(pg));
} else {
  console.log("start-up on PostgreSQL: skipped (set DATABASE_URL, or install postgresql-15 for a throwaway server)");
}

await benchAuth(databaseUrl);
await benchSurvey(databaseUrl);
await benchImports(databaseUrl);
await benchReports(databaseUrl);
// The load test's figures (npm run test:load): 200 residents for 60 s on each target by default.
const loadClients = Number(process.env.BENCH_LOAD_CLIENTS ?? 200);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
console.log(`load test, ${loadClients} concurrent residents for ${loadSeconds} s per target (npm run test:load for the pass/fail form):`);
const loads = await runLoadTargets({ clients: loadClients, seconds: loadSeconds, serverUrl: databaseUrl, log: (line) => console.log(`  ${line}`) });
if (loads.some((load) => !load.ok)) process.exitCode = 1;
if (startedPostgres) spawnSync("bash", [".ci/pg-throwaway.sh", "stop"], { env: { ...process.env, PGPORT: "55439" } });

// Transferred bytes of the home page: its HTML and the stylesheets it links.
const dir = mkdtempSync(path.join(tmpdir(), "np-bench-pglite-"));
const server = spawn(process.execPath, startCommand, { env: { ...process.env, ...baseEnv, PGLITE_DIR: dir, DATABASE_URL: "" }, stdio: "ignore" });
try {
  for (let i = 0; i < 3000 && !(await fetch(healthz).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 20));
  const html = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer());
  const cssLinks = [...html.toString().matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
  const css = Buffer.concat(await Promise.all(cssLinks.map(async (href) => Buffer.from(await (await fetch(`http://127.0.0.1:${port}${href}`)).arrayBuffer()))));
  const scripts = [...html.toString().matchAll(/<script/g)].length;
  const reference = Buffer.from(await import("node:fs").then((fs) => fs.readFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css")));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `home page transferred: HTML ${kb(html.length)} + CSS ${kb(css.length)} = ${kb(html.length + css.length)} uncompressed ` +
      `(${kb(gzipSync(html).length + gzipSync(css).length)} if gzipped), ${scripts} script(s)`,
  );
  console.log(
    `home page CSS vs govuk-frontend's own precompiled CSS (baseline, ${kb(reference.length)}): ${(css.length / reference.length).toFixed(2)}x`,
  );
} finally {
  await stop(server);
  rmSync(dir, { recursive: true, force: true });
}

await benchCrimePlacement(console.log);
