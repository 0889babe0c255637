import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { routePatternOf } from "~/lib/auth/route-pattern";

export type PageRoute = { file: string; pattern: string; acceptsPost: boolean; acceptsGet: boolean };

/** Every page and endpoint in src/pages, and whether it handles POST (a form or a POST export) and GET. */
export function pageRoutes(): PageRoute[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
  return walk("src/pages").filter((file) => /\.(astro|ts)$/.test(file)).map((file) => {
    const source = readFileSync(file, "utf8");
    const isEndpoint = file.endsWith(".ts");
    return {
      file,
      pattern: routePatternOf(`/${file}`),
      acceptsPost: /method === "POST"|export const (POST|ALL)\b/.test(source),
      acceptsGet: !isEndpoint || /export const (GET|ALL)\b/.test(source),
    };
  }).sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** A concrete path for a pattern, with each parameter filled in from `params` (unknown ones get "1"). */
export const fillRoute = (pattern: string, params: Record<string, string>) =>
  pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? "1"));
