import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "~/cli/server-process";
import { hasPostgresServer, startThrowawayPostgres } from "~/cli/throwaway-postgres";
import { createAuthSession } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { setDraftWard, startDraft } from "~/lib/surveys/survey-drafts";
import { fingerprint } from "../support/fingerprint";
import { fillRoute, pageRoutes } from "../support/page-routes";
import { pgliteTarget, postgresTarget } from "../support/server-targets";

// Hostile input against the built server, as an administrator and an officer whose sessions are
// valid, so that a refusal is the defence at work and not a missing sign-in. On DATABASE_URL's
// PostgreSQL, else a throwaway one when PostgreSQL 15 is installed, else PGlite (the HTTP layer is
// the same on each). Every table is compared before and after the refusals.
const PORT = 4377;
const EVIL = "https://attacker.example";
const PAYLOAD = `<script>alert("np-xss")</script><img src=x onerror=alert('np-xss')>"'`;
const RAW_MARKERS = ['<script>alert("np-xss")', "<img src=x onerror"];
const TRAVERSAL_NAMES = ["../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/passwd", "..", "a\u0000b/../c.csv", `${PAYLOAD}.csv`];

// PostgreSQL lets the test read the database while the server runs; PGlite (one process per
// folder) needs the server stopped for each look, which costs a restart each time.
const POSTGRES_PORT = 4375;
let throwaway: ReturnType<typeof startThrowawayPostgres> | null = null;
const target = process.env.DATABASE_URL
  ? postgresTarget(process.env.DATABASE_URL)
  : hasPostgresServer()
    ? postgresTarget((throwaway = startThrowawayPostgres(POSTGRES_PORT)).url)
    : pgliteTarget;

describe(`hostile input to the built server (${target.name})`, () => {
  let database: Awaited<ReturnType<typeof target.create>>;
  let server: ServerProcess;
  let env: Record<string, string>;
  const uploads = mkdtempSync(path.join(tmpdir(), "np-hostile-uploads-"));
  const cookies = { administrator: "", officer: "", draft: "" };
  let partnerSourceId = 0;
  let before: Record<string, string>;

  /** The database while the server is stopped (PGlite is one process per folder). */
  async function withDatabase<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    const restart = target.name === "PGlite";
    if (restart) await server?.stop();
    const db = await database.open();
    try {
      return await work(db);
    } finally {
      await db.destroy();
      if (restart) server = await startServer(PORT, env);
    }
  }

  const as = (who: "administrator" | "officer" | "resident", init: RequestInit & { origin?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [who === "resident" ? "" : `np_session=${cookies[who]}`, `np_draft=${cookies.draft}`].filter(Boolean).join("; "));
    if (init.origin !== null) headers.set("origin", init.origin ?? server.base);
    return { ...init, headers, redirect: "manual" as const };
  };
  const post = (pathname: string, body: BodyInit, contentType: string | null, who: "administrator" | "officer" | "resident" = "administrator", origin?: string | null) =>
    fetch(server.base + pathname, as(who, { method: "POST", body, origin, headers: contentType ? { "content-type": contentType } : {} }));

  beforeAll(async () => {
    database = await target.create();
    env = { ...database.env, UPLOAD_DIR: uploads, IMPORT_MAX_MB: "1" };
    // People with sessions, a partner source and a resident's draft, written straight into the
    // database: on PostgreSQL once the server has migrated the empty scratch database (it may
    // stay running), on PGlite (a copy of a migrated folder) before the server opens it.
    if (target.name === "PostgreSQL") server = await startServer(PORT, env);
    const setup = await database.open();
    try {
      const now = new Date();
      const person = (email: string, role: "administrator" | "engagement_officer", totp: boolean) => setup.insertInto("app_user")
        .values({ email, display_name: email.split("@")[0]!, role, password_hash: "not a hash", password_changed_at: now, totp_key: totp ? new Uint8Array(20) : null })
        .returning("id").executeTakeFirstOrThrow();
      const administrator = await person("ada@example.test", "administrator", true);
      const officer = await person("olu@example.test", "engagement_officer", false);
      partnerSourceId = (await setup.insertInto("partner_source").values({ name: "West Mercia Police", agency: "police" }).returning("id").executeTakeFirstOrThrow()).id;
      await setup.insertInto("user_partner_source").values({ user_id: officer.id, partner_source_id: partnerSourceId }).execute();
      cookies.administrator = (await createAuthSession(setup, administrator.id, { isTwoFactorVerified: true, now })).token;
      cookies.officer = (await createAuthSession(setup, officer.id, { isTwoFactorVerified: true, now })).token;
      const version = await setup.selectFrom("survey_version").innerJoin("survey", "survey.id", "survey_version.survey_id")
        .select("survey_version.id").where("survey.slug", "=", "feeling-safe").orderBy("survey_version.id", "desc").executeTakeFirstOrThrow();
      cookies.draft = await startDraft(setup, version.id, "en", now);
      const ward = await setup.selectFrom("ward").select("id").where("gss_code", "=", "E05009438").executeTakeFirstOrThrow();
      const draft = await setup.selectFrom("survey_draft").selectAll().executeTakeFirstOrThrow();
      await setDraftWard(setup, { tokenHash: draft.token_hash } as never, ward.id);
      before = await fingerprint(setup);
    } finally {
      await setup.destroy();
    }
    if (target.name === "PGlite") server = await startServer(PORT, env);
  });

  afterAll(async () => {
    await server?.kill();
    await database?.remove();
    throwaway?.stop();
    rmSync(uploads, { recursive: true, force: true });
  });

  const postRoutes = pageRoutes().filter((r) => r.acceptsPost);
  const params = { slug: "feeling-safe", page: "1", key: "safe_after_dark", job: "1", batch: "1", token: "abcdefghijklmnopqrstuvwxyz234567", code: "E05009438" };

  it("finds the state-changing endpoints by walking src/pages", () => {
    expect(postRoutes.length).toBeGreaterThanOrEqual(30);
    expect(postRoutes.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/sign-in", "/sign-out", "/surveys/[slug]/check", "/admin/users", "/imports", "/imports/[job]/confirm"]));
  });

  it("refuses a cross-site POST (CSRF) to every state-changing endpoint, with a valid session, as a form of any encoding, with 403", async () => {
    const refused: string[] = [];
    for (const route of postRoutes) {
      const pathname = fillRoute(route.pattern, params);
      const attempts: [string, Response][] = [
        ["urlencoded", await post(pathname, "action=invite&email=mallory%40attacker.example&role=administrator&name=x", "application/x-www-form-urlencoded", "administrator", EVIL)],
        ["multipart", await post(pathname, (() => { const f = new FormData(); f.set("action", "invite"); f.set("name", "x"); return f; })(), null, "administrator", EVIL)],
        ["no Origin", await post(pathname, "name=x", "application/x-www-form-urlencoded", "administrator", null)],
        ["Origin null", await post(pathname, "name=x", "application/x-www-form-urlencoded", "administrator", "null")],
        ["officer, urlencoded", await post(pathname, "name=x", "application/x-www-form-urlencoded", "officer", EVIL)],
      ];
      for (const [kind, response] of attempts) {
        if (response.status !== 403) refused.push(`${route.pattern} (${kind}): ${response.status}`);
        await response.arrayBuffer();
      }
      // text/plain is a form encoding too (Astro's check covers it); it is refused before the check as not a form.
      const plain = await post(pathname, "name=x", "text/plain", "administrator", EVIL);
      if (![403, 415].includes(plain.status)) refused.push(`${route.pattern} (text/plain): ${plain.status}`);
      await plain.arrayBuffer();
    }
    expect(refused).toEqual([]);
  });

  it("refuses bodies that are not forms, too large, of no stated length, or malformed, with their own status", async () => {
    const check = "/surveys/feeling-safe/check";
    const big = `website=${"x".repeat(2 * 1024 * 1024)}`;
    const chunked = () => new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("website=")); c.close(); } });
    const cases: [string, Promise<Response>, number][] = [
      ["JSON", post(check, JSON.stringify({ website: "" }), "application/json"), 415],
      ["no content type", post(check, "website=", null), 415],
      ["XML", post("/sign-in", "<a/>", "application/xml"), 415],
      ["2 MB form to a resident page", post(check, big, "application/x-www-form-urlencoded", "resident"), 413],
      ["2 MB form to sign-in", post("/sign-in", big, "application/x-www-form-urlencoded", "resident"), 413],
      ["chunked form", fetch(server.base + check, { ...as("resident", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } }), body: chunked(), duplex: "half" } as RequestInit), 411],
      ["malformed multipart", post(check, "--xyz\r\nContent-Disposition: form-data; name=\"website\"\r\n\r\nunterminated", "multipart/form-data; boundary=xyz", "resident"), 400],
      ["multipart without boundary", post("/sign-in", "email=a", "multipart/form-data", "resident"), 400],
    ];
    for (const [name, pending, status] of cases) {
      const response = await pending;
      expect.soft(response.status, name).toBe(status);
      const text = await response.text();
      expect.soft(text, name).not.toMatch(/at .*\.(js|mjs|ts):\d+|TypeError|undici/);
    }
  });

  it("answers deeply nested, prototype-named, repeated and badly encoded fields with a validation error, never a crash", async () => {
    const page = "/surveys/feeling-safe/questions/1";
    const deep = `safe_after_dark${"[a]".repeat(5_000)}`;
    const bodies = [
      `${encodeURIComponent(deep)}=very_safe`,
      "__proto__=very_safe&__proto__[safe_after_dark]=very_safe&constructor[prototype][x]=1",
      Array.from({ length: 5_000 }, (_, i) => `safe_after_dark=${i}`).join("&"),
      "safe_after_dark=%ZZ%E0%A4%A&%=&&=&==",
      `safe_after_dark=${encodeURIComponent("very_safe\u0000<script>")}`,
      `safe_after_dark=${"x".repeat(900_000)}`,
      `safe_after_dark=${encodeURIComponent(PAYLOAD)}`,
    ];
    for (const body of bodies) {
      const response = await post(page, body, "application/x-www-form-urlencoded", "resident");
      const html = await response.text();
      expect.soft(response.status, body.slice(0, 60)).toBe(422);
      for (const marker of RAW_MARKERS) expect.soft(html).not.toContain(marker);
    }
  });

  it("serves no file outside the site for a path that climbs out of it", async () => {
    const paths = ["/_astro/../../package.json", "/%2e%2e/%2e%2e/package.json", "/_astro/..%2f..%2f..%2fpackage.json", "/_astro/%2e%2e%2f%2e%2e%2fserver%2fentry.mjs",
      "/surveys/..%2f..%2f..%2fpackage.json", "/..%5c..%5cpackage.json", "/imports/..%2f..%2fdata", "/favicon.ico/../../package.json", "//etc/passwd", "/%00/package.json"];
    for (const pathname of paths) {
      const response = await fetch(server.base + pathname, as("administrator", { origin: null }));
      const text = await response.text();
      expect.soft([400, 403, 404], pathname).toContain(response.status);
      expect.soft(text, pathname).not.toMatch(/"dependencies"|root:x:0|createExports|neighbourhood-pulse"/);
    }
  });

  it("stored nothing for any refused request", async () => {
    expect(await withDatabase(fingerprint)).toEqual(before);
  });

  it("keeps an upload's file name out of the file system, and refuses one over the size limit, keeping nothing", async () => {
    const csv = "Timestamp,How safe do you feel walking alone in this area after dark?,Ward\n14/11/2025 10:00:31,Very safe,Central\n";
    for (const name of TRAVERSAL_NAMES) {
      const form = new FormData();
      form.set("partnerSource", String(partnerSourceId));
      form.set("exportFile", new Blob([csv], { type: "text/csv" }), name);
      const response = await post("/imports", form, null, "officer");
      expect.soft([303, 422], name).toContain(response.status);
      await response.arrayBuffer();
    }
    const tooBig = new FormData();
    tooBig.set("partnerSource", String(partnerSourceId));
    tooBig.set("exportFile", new Blob([csv, "x".repeat(2 * 1024 * 1024)], { type: "text/csv" }), "big.csv");
    const refused = await post("/imports", tooBig, null, "officer");
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/smaller than 1MB/);

    // Every file kept is in the upload folder under a random name; nothing was written elsewhere.
    const kept = readdirSync(uploads, { recursive: true }) as string[];
    expect(kept.every((file) => /^[0-9a-f]{32}\.upload$/.test(file))).toBe(true);
    const jobs = await withDatabase((db) => db.selectFrom("import_job").select(["original_file_name", "file_path"]).execute());
    expect(jobs.length).toBeLessThanOrEqual(TRAVERSAL_NAMES.length);
    for (const job of jobs) {
      expect(job.original_file_name).not.toMatch(/[\\/\u0000]/);
      expect(job.original_file_name).not.toBe("..");
      if (job.file_path !== null) expect(path.dirname(path.resolve(job.file_path))).toBe(path.resolve(uploads));
    }
    expect(kept.length).toBe(jobs.filter((j) => j.file_path !== null).length);
  });

  it("shows HTML and script from every text field escaped, on every page", async () => {
    // Every human-entered text the pages show, whichever form or import it came through.
    const columns: [keyof Database & string, string[]][] = [
      ["local_area", ["name", "partnership_name", "boundary_attribution"]],
      ["ward", ["name"]],
      ["question", ["text", "hint", "topic"]],
      ["response_option", ["label"]],
      ["indicator", ["title"]],
      ["partner_source", ["name", "tool"]],
      ["survey_version", ["title", "introduction", "privacy_notice"]],
      ["app_user", ["display_name"]],
      ["import_job", ["original_file_name", "failure"]],
      ["reporting_period", ["label"]],
      ["audit_event", ["object_id"]],
    ];
    await withDatabase(async (db) => {
      for (const [table, names] of columns) {
        for (const name of names) await sql`update ${sql.table(table)} set ${sql.ref(name)} = coalesce(${sql.ref(name)}, '') || ${PAYLOAD}`.execute(db);
      }
      await db.insertInto("audit_event").values({ action: "sign_in_failed", actor_email: PAYLOAD, object_type: "user", object_id: PAYLOAD, detail: JSON.stringify({ email: PAYLOAD }) } as never).execute();
    });
    const job = await withDatabase((db) => db.selectFrom("import_job").select("id").orderBy("id").executeTakeFirst());
    const routeParams = { ...params, job: String(job?.id ?? 1), key: "feel_safe_after_dark" };
    const pages = pageRoutes().filter((r) => r.acceptsGet && !r.pattern.includes("sign-out"));
    let escapedSeen = 0;
    const leaks: string[] = [];
    // An administrator sees every page; a resident (no session) sees the public ones.
    const visits = (["administrator", "resident"] as const).flatMap((who) => pages.map((route) => ({ who, pathname: fillRoute(route.pattern, routeParams) })));
    const fetched = [];
    for (let i = 0; i < visits.length; i += 4) {
      fetched.push(...await Promise.all(visits.slice(i, i + 4).map(async ({ who, pathname }) => {
        const response = await fetch(server.base + pathname, as(who, { origin: null }));
        return { who, pathname, response, body: await response.text() };
      })));
    }
    for (const { who, pathname, response, body } of fetched) {
      {
        if (!(response.headers.get("content-type") ?? "").includes("text/html")) continue;
        // Inside a double-quoted attribute value `<` is only text (HTML's attribute value state):
        // there what matters is that `"` is escaped, so the value cannot end early. Astro quotes
        // every attribute with `"`, so dropping quoted values leaves what a browser parses as markup.
        const markup = body.replace(/="[^"]*"/g, '=""');
        for (const marker of RAW_MARKERS) if (markup.includes(marker)) leaks.push(`${who} ${pathname} (${response.status}): …${markup.slice(Math.max(0, markup.indexOf(marker) - 150), markup.indexOf(marker) + 60)}…`);
        if (body.includes(`${PAYLOAD.slice(0, -2)}"`)) leaks.push(`${who} ${pathname}: a double quote left unescaped`);
        if (body.includes("&lt;script&gt;alert(")) escapedSeen++;
      }
    }
    expect(leaks).toEqual([]);
    // The payload did reach the pages (escaped), so the check above looked at something.
    expect(escapedSeen).toBeGreaterThan(10);
  });
});
