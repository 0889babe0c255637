import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { openDatabase } from "~/lib/db/client";

const SURVEY = "/surveys/feeling-safe";
const WARD = "E05009438";
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

type Target = { name: string; env: Record<string, string>; countStored(): Promise<number>; cleanUp(): Promise<void> };

async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "src/cli/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", SUBMISSIONS_PER_CLIENT: "100000000", ASTRO_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  for (let i = 0; i < 3000; i++) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("The server did not start");
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });

/** Bytes on the wire for a GET, as a browser asking for gzip would receive them. */
function transferred(url: string, cookie = ""): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { "accept-encoding": "gzip", cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString() : raw.toString();
        resolve({ bytes: raw.length, body });
      });
    }).on("error", reject);
  });
}

class Resident {
  cookie = "";
  constructor(readonly base: string) {}
  async post(pathname: string, form: Record<string, string>): Promise<string> {
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      headers: { origin: this.base, cookie: this.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    const set = response.headers.get("set-cookie");
    if (set?.startsWith("np_draft=")) this.cookie = set.split(";")[0]!;
    await response.arrayBuffer();
    if (response.status !== 303) throw new Error(`POST ${pathname} answered ${response.status}`);
    return response.headers.get("location") ?? "";
  }
}

/** Learns each question page's fields once, from the pages themselves. */
async function learnPages(base: string): Promise<Map<string, Record<string, string>>> {
  const resident = new Resident(base);
  const pages = new Map<string, Record<string, string>>();
  await resident.post(SURVEY, {});
  let next = await resident.post(`${SURVEY}/ward/confirm`, { ward: WARD });
  while (next.includes("/questions/")) {
    const { body } = await transferred(base + next, resident.cookie);
    const form: Record<string, string> = {};
    for (const match of body.matchAll(/name="([a-z_]+)" type="radio" value="([a-z0-9_]+)"/g)) form[match[1]!] ??= match[2]!;
    pages.set(next, form);
    next = await resident.post(next, form);
  }
  return pages;
}

export async function benchSurvey(databaseUrl: string | undefined): Promise<void> {
  const targets: Target[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "np-bench-survey-"));
  targets.push({
    name: "PGlite",
    env: { PGLITE_DIR: dir, DATABASE_URL: "" },
    async countStored() {
      const db = await openDatabase({ kind: "pglite", dataDir: dir });
      try {
        return Number((await sql<{ n: number }>`select count(*)::int as n from survey_response where channel = 'web'`.execute(db)).rows[0]!.n);
      } finally {
        await db.destroy();
      }
    },
    cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
  });
  if (databaseUrl) {
    const { createScratchDatabase } = await import("~/lib/db/scratch-database");
    const scratch = await createScratchDatabase(databaseUrl, "np_bench");
    targets.push({
      name: "PostgreSQL",
      env: { DATABASE_URL: scratch.url },
      async countStored() {
        const db = await openDatabase({ kind: "postgres", url: scratch.url });
        try {
          return Number((await sql<{ n: number }>`select count(*)::int as n from survey_response where channel = 'web'`.execute(db)).rows[0]!.n);
        } finally {
          await db.destroy();
        }
      },
      cleanUp: () => scratch.drop(),
    });
  }

  const port = 4392;
  const base = `http://127.0.0.1:${port}`;
  const clients = Number(process.env.BENCH_SURVEY_CLIENTS ?? 50);
  const seconds = Number(process.env.BENCH_SURVEY_SECONDS ?? 30);
  for (const [index, target] of targets.entries()) {
    const server = await startServer(port, target.env);
    try {
      const pages = await learnPages(base);
      if (index === 0) {
        const resident = new Resident(base);
        await resident.post(SURVEY, {});
        const first = await resident.post(`${SURVEY}/ward/confirm`, { ward: WARD });
        const page = await transferred(base + first, resident.cookie);
        const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)![1]!;
        const css = await transferred(base + cssHref);
        const reference = gzipSync(readFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css")).length;
        const scripts = (page.body.match(/<script/g) ?? []).length;
        console.log(
          `survey question page transferred (gzip): HTML ${(page.bytes / 1024).toFixed(1)} KB + CSS ${(css.bytes / 1024).toFixed(1)} KB = ${((page.bytes + css.bytes) / 1024).toFixed(1)} KB, ` +
            `${scripts} script(s) (target under 40 KB); CSS = ${(css.bytes / reference).toFixed(2)}x govuk-frontend's own CSS gzipped`,
        );
      }

      // Baseline: the same clients asking /healthz, the cheapest database round trip the server has.
      let healthChecks = 0;
      const baselineEnd = performance.now() + 5_000;
      await Promise.all(Array.from({ length: clients }, async () => {
        while (performance.now() < baselineEnd) {
          await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
          healthChecks++;
        }
      }));
      const healthPerSecond = healthChecks / 5;

      let sent = 0;
      let acknowledged = 0;
      const failures = new Map<string, number>();
      const latencies: number[] = [];
      const end = performance.now() + seconds * 1000;
      await Promise.all(Array.from({ length: clients }, async () => {
        while (performance.now() < end) {
          const resident = new Resident(base);
          try {
            await resident.post(SURVEY, {});
            let next = await resident.post(`${SURVEY}/ward/confirm`, { ward: WARD });
            while (next.includes("/questions/")) next = await resident.post(next, pages.get(next.replace(base, "")) ?? {});
            const started = performance.now();
            sent++;
            const done = await resident.post(`${SURVEY}/check`, {});
            latencies.push(performance.now() - started);
            if (done.endsWith("/done")) acknowledged++;
          } catch (error) {
            const reason = (error as Error).message;
            failures.set(reason, (failures.get(reason) ?? 0) + 1);
          }
        }
      }));
      await stop(server);
      // The journey that learnt the pages stopped before sending, so every stored response is counted here.
      const stored = await target.countStored();
      latencies.sort((a, b) => a - b);
      const perSecond = acknowledged / seconds;
      console.log(
        `survey submissions, ${target.name}, ${clients} concurrent residents for ${seconds} s: sent ${sent}, acknowledged ${acknowledged}, stored ${stored}` +
          `${sent === acknowledged && acknowledged === stored ? "" : "  <-- MISMATCH"}; ${perSecond.toFixed(1)} per second ` +
          `(each a 12-request journey) = ${(perSecond / healthPerSecond).toFixed(3)}x /healthz requests per second (${healthPerSecond.toFixed(0)}); ` +
          `send latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms`,
      );
      for (const [reason, count] of failures) console.log(`  failed journeys: ${count} x ${reason}`);
    } finally {
      await stop(server);
      await target.cleanUp();
    }
  }
}
