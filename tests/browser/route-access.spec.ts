import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { STORAGE } from "./support/accounts";

// Walks every page and endpoint found in src/pages (not a hand-kept list) as an anonymous
// visitor and as each role, and checks each gets what the route's own declaration promises.
// A new route that declares no access fails here, and is refused by the middleware anyway.

type Identity = "anonymous" | keyof typeof STORAGE;
const IDENTITIES: Identity[] = ["anonymous", "csp_member", "engagement_officer", "administrator"];

function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? pageFiles(file) : /\.(astro|ts)$/.test(name) ? [file] : [];
  });
}

/**
 * The roles a route admits, read from its `export const access = …` declaration: written out in
 * place, or a named constant (STAFF, REPORT_READERS…) imported from the module that defines it.
 */
async function declaredRoles(source: string): Promise<"public" | string[] | null> {
  const match = /export const access\s*=\s*([^;]+);/.exec(source);
  if (!match) return null;
  const declaration = match[1]!.trim();
  if (/^\{\s*public:\s*true\s*\}/.test(declaration)) return "public";
  const roles = /roles:\s*\[([^\]]*)\]/.exec(declaration);
  if (roles) return [...roles[1]!.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
  const name = /^([A-Z_]+)$/.exec(declaration)?.[1];
  const from = name ? new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from "~/([^"]+)"`).exec(source)?.[1] : undefined;
  if (!name || !from) return null;
  const constant = (await import(path.resolve("src", `${from}.ts`)))[name] as { roles?: string[]; public?: true } | undefined;
  return constant?.public ? "public" : (constant?.roles ? [...constant.roles] : null);
}

const routes = await Promise.all(pageFiles("src/pages").map(async (file) => {
  const route = file.replace(/^src\/pages/, "").replace(/\.(astro|ts)$/, "").replace(/\/index$/, "") || "/";
  const url = route.replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]/g, "route-access-check");
  return { file, url, access: await declaredRoles(readFileSync(file, "utf8")) };
}));

test("finds the routes it walks in the file system", () => {
  expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/", "/sign-in", "/admin/users", "/account", "/healthz"]));
});

for (const route of routes) {
  test(`${route.url} declares who may use it (${route.file})`, () => {
    expect(route.access, `${route.file} has no 'export const access = …' declaration`).not.toBeNull();
  });
}

for (const identity of IDENTITIES) {
  test(`every route answers ${identity === "anonymous" ? "an anonymous visitor" : `a ${identity.replace("_", " ")}`} as declared`, async ({ playwright, baseURL }) => {
    const request: APIRequestContext = await playwright.request.newContext({
      baseURL,
      storageState: identity === "anonymous" ? undefined : STORAGE[identity],
      maxRedirects: 0,
    });
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of routes) {
      const response = await request.get(route.url);
      const status = response.status();
      const location = response.headers().location ?? "";
      const outcome =
        // The middleware's own redirect carries returnTo; a page's redirect elsewhere does not.
        status === 303 && location.startsWith("/sign-in?returnTo=") ? "sign in required"
        : status === 401 ? "sign in required"
        : status === 403 && route.url !== "/forbidden" ? "forbidden"
        : status >= 500 && route.url !== "/500" ? `server error ${status}`
        : "allowed";
      const access = route.access;
      const wanted =
        access === "public" ? "allowed"
        : access === null ? "forbidden"
        : identity === "anonymous" ? "sign in required"
        : access.includes(identity) || identity === "administrator" ? "allowed"
        : "forbidden";
      outcomes.push(`${route.url}: ${outcome}`);
      expected.push(`${route.url}: ${wanted}`);
    }
    expect(outcomes).toEqual(expected);
    await request.dispose();
  });
}
