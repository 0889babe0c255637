import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Playwright cannot download its own browser on these machines, so the browser tests use
 * Debian's Chromium. Installs it when missing and this user may (root with apt-get); otherwise
 * says exactly what is missing.
 */
export function ensureChromium(log: (line: string) => void): { ok: true; path: string } | { ok: false; reason: string } {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return { ok: true, path };
  if (process.env.CHROMIUM_PATH) return { ok: false, reason: `CHROMIUM_PATH is set to ${path}, which does not exist.` };
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    return {
      ok: false,
      reason: "Chromium is not installed at /usr/bin/chromium. Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    };
  }
  log("Chromium is missing: installing Debian's chromium package (apt-get, about a minute)…");
  const run = (args: string[]) =>
    spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  run(["update", "-qq"]);
  const install = run(["install", "-y", "-qq", "chromium"]);
  if (install.status !== 0 || !existsSync(path)) return { ok: false, reason: "apt-get could not install chromium; see the messages above." };
  return { ok: true, path };
}
