import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedEvidence } from "~/cli/load-evidence";
import { startServer, type ServerProcess } from "~/cli/server-process";
import { learnSurvey, LOAD_SURVEY, Resident, runSurveyLoad, type SurveyPages } from "~/cli/survey-load";
import { hasPostgresServer, startThrowawayPostgres } from "~/cli/throwaway-postgres";
import { hashPassword } from "~/lib/auth/password";
import { generateAccessCodes } from "~/lib/surveys/access-codes";
import type { Database } from "~/lib/db/schema";
import { FULL, postgresTarget, UNLIMITED } from "../support/server-targets";

// Two server processes behind one PostgreSQL (DATABASE_URL's server, or a throwaway one of the
// test's own). Everything that must hold across processes lives in the database; the per-process
// throttles are named in the README.
const PORTS = [4373, 4374];
const POSTGRES_PORT = 4379;
const OFFICER = { email: "olu@example.test", password: "correct horse battery staple 42" };

const count = async (db: Kysely<Database>) => Number((await sql<{ n: number }>`select count(*)::int as n from survey_response where channel = 'web'`.execute(db)).rows[0]!.n);

/** A browser of sorts: one cookie jar, posting forms with its own origin to whichever server it is told. */
class Browser {
  cookies = new Map<string, string>();
  async request(base: string, pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (init.method === "POST") headers.set("origin", base);
    const response = await fetch(base + pathname, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair!.split("=");
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
    return response;
  }
  post(base: string, pathname: string, form: Record<string, string>) {
    return this.request(base, pathname, { method: "POST", body: new URLSearchParams(form), headers: { "content-type": "application/x-www-form-urlencoded" } });
  }
}

const canRun = Boolean(process.env.DATABASE_URL) || hasPostgresServer();

describe.skipIf(!canRun)("two server processes behind one PostgreSQL", () => {
  let throwaway: ReturnType<typeof startThrowawayPostgres> | null = null;
  let database: Awaited<ReturnType<ReturnType<typeof postgresTarget>["create"]>>;
  let db: Kysely<Database>;
  let a: ServerProcess;
  let b: ServerProcess;
  let pages: SurveyPages;
  const uploads = mkdtempSync(path.join(tmpdir(), "np-two-uploads-"));

  beforeAll(async () => {
    let url = process.env.DATABASE_URL;
    if (!url) {
      throwaway = startThrowawayPostgres(POSTGRES_PORT);
      url = throwaway.url;
    }
    database = await postgresTarget(url).create();
    // One after the other: the first migrates and seeds the empty database.
    const env = { ...database.env, ...UNLIMITED, UPLOAD_DIR: uploads };
    a = await startServer(PORTS[0]!, env);
    b = await startServer(PORTS[1]!, env);
    db = await database.open();
    pages = await learnSurvey(a.base);
  });

  afterAll(async () => {
    await db?.destroy();
    await a?.kill();
    await b?.kill();
    await database?.remove();
    throwaway?.stop();
    rmSync(uploads, { recursive: true, force: true });
  });

  it(`serves residents whose requests alternate between the processes, storing every acknowledged submission`, async () => {
    const before = await count(db);
    const load = await runSurveyLoad({ bases: [a.base, b.base], pages, clients: FULL ? 40 : 8, seconds: FULL ? 15 : 3 });
    const evidence = await storedEvidence(db, load.acknowledgedTokenHashes);
    expect(Object.fromEntries(load.failures)).toEqual({});
    expect(load.acknowledged).toBeGreaterThan(0);
    expect({ sent: load.sent, stored: evidence.stored - before, missing: evidence.missing }).toEqual({ sent: load.acknowledged, stored: load.acknowledged, missing: 0 });
  });

  it("stores one response when the same draft is sent to both processes at once (the draft is the single-use token)", async () => {
    for (let attempt = 0; attempt < (FULL ? 20 : 3); attempt++) {
      const before = await count(db);
      const resident = new Resident([a.base, b.base]);
      await resident.answer(pages);
      const sendTo = (base: string) => Object.assign(new Resident([base]), { cookie: resident.cookie }).post(`${LOAD_SURVEY}/check`, { website: "" });
      const [fromA, fromB] = await Promise.all([sendTo(a.base), sendTo(b.base)]);
      expect([fromA, fromB]).toEqual([`${LOAD_SURVEY}/done`, `${LOAD_SURVEY}/done`]);
      expect(await count(db)).toBe(before + 1);
    }
  });

  it("keeps a session signed in on one process valid on the other, and a sign-out on either ends it on both", async () => {
    await db.insertInto("app_user").values({
      email: OFFICER.email, display_name: "Olu", role: "engagement_officer", password_hash: await hashPassword(OFFICER.password), password_changed_at: new Date(),
    }).execute();
    const officer = new Browser();
    const signedIn = await officer.post(a.base, "/sign-in", OFFICER);
    expect(signedIn.status).toBe(303);
    expect(officer.cookies.has("np_session")).toBe(true);
    expect((await officer.request(b.base, "/account")).status).toBe(200);
    expect((await officer.post(b.base, "/sign-out", {})).status).toBe(303);
    const after = await officer.request(a.base, "/account");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("shows an import uploaded through one process, with its progress, on the other", async () => {
    const partner = await db.insertInto("partner_source").values({ name: "West Mercia Police", agency: "police" }).returning("id").executeTakeFirstOrThrow();
    const user = await db.selectFrom("app_user").select("id").where("email", "=", OFFICER.email).executeTakeFirstOrThrow();
    await db.insertInto("user_partner_source").values({ user_id: user.id, partner_source_id: partner.id }).execute();
    const officer = new Browser();
    expect((await officer.post(b.base, "/sign-in", OFFICER)).status).toBe(303);
    const form = new FormData();
    form.set("partnerSource", String(partner.id));
    form.set("exportFile", new Blob([readFileSync("tests/fixtures/imports/google-forms.csv")], { type: "text/csv" }), "google-forms.csv");
    const uploaded = await officer.request(a.base, "/imports", { method: "POST", body: form });
    expect(uploaded.status).toBe(303);
    const columns = uploaded.headers.get("location")!;
    expect(columns).toMatch(/^\/imports\/\d+\/columns$/);
    const onB = await officer.request(b.base, columns);
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("google-forms.csv");
  });

  it("lets an access code be used once across both processes", async () => {
    const survey = await db.selectFrom("survey").select("id").where("slug", "=", "feeling-safe").executeTakeFirstOrThrow();
    await db.updateTable("survey_version").set({ requires_access_code: true }).where("survey_id", "=", survey.id).execute();
    const [code] = await generateAccessCodes(db, survey.id, 1);
    const before = await count(db);
    const journey = async (base: string) => {
      const resident = new Resident([base]);
      await resident.post(LOAD_SURVEY, {});
      expect(await resident.post(`${LOAD_SURVEY}/access-code`, { code: code! })).toBe(`${LOAD_SURVEY}/ward`);
      let next = await resident.post(`${LOAD_SURVEY}/ward/confirm`, { ward: "E05009438" });
      while (next.includes("/questions/")) next = await resident.post(next, pages.get(next) ?? {});
      return resident;
    };
    // Both residents get past the code (it is spent only when a response is stored)...
    const [first, second] = [await journey(a.base), await journey(b.base)];
    // ...but only the first to send is stored; the other is told the code has been used.
    expect(await first.post(`${LOAD_SURVEY}/check`, { website: "" })).toBe(`${LOAD_SURVEY}/done`);
    expect(await second.post(`${LOAD_SURVEY}/check`, { website: "" })).toBe(`${LOAD_SURVEY}/access-code`);
    expect(await count(db)).toBe(before + 1);
    await db.updateTable("survey_version").set({ requires_access_code: false }).where("survey_id", "=", survey.id).execute();
  });
});
