import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["src", "db", "public", "astro.config.mjs", "package.json", "package-lock.json"];
export const SERVER_ENTRY = "dist/server/entry.mjs";

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

/** Builds the production site when there is no build yet or a source file is newer than it. */
export function buildIfNeeded(log: (line: string) => void): void {
  const built = existsSync(SERVER_ENTRY) ? statSync(SERVER_ENTRY).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map(newestChange));
  if (built > changed) return;
  log(built === 0 ? "Building the site (first run, a few seconds)…" : "Sources changed since the last build: building the site…");
  const astro = path.resolve("node_modules/astro/bin/astro.mjs");
  const result = spawnSync(process.execPath, [astro, "build", "--silent"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("The build failed; its errors are above.");
}
