import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { parseConfig, type AppConfig } from "~/lib/config/config";
import { prepareDatabase } from "~/lib/db/app-database";
import { backupDatabase, postgresClient, restoreDatabase } from "~/lib/db/backup";
import { openDatabase } from "~/lib/db/client";
import { createScratchDatabase } from "~/lib/db/scratch-database";
import type { Database } from "~/lib/db/schema";
import { fingerprint } from "../../support/fingerprint";

const RESPONSES = 120;

/** Web responses with answers, written straight in: the backup is about rows, not the journey. */
async function addResponses(db: Kysely<Database>): Promise<void> {
  const version = await db.selectFrom("survey_version").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  const wards = await db.selectFrom("ward").select("id").execute();
  const period = await db.selectFrom("reporting_period").select("id").orderBy("starts_on", "desc").executeTakeFirstOrThrow();
  const options = await db.selectFrom("survey_question").innerJoin("response_option", "response_option.question_id", "survey_question.question_id")
    .select(["response_option.question_id", "response_option.id"]).where("survey_question.survey_version_id", "=", version.id).orderBy("response_option.id").execute();
  const firstOptions = [...new Map(options.map((o) => [o.question_id, o.id])).entries()];
  for (let i = 0; i < RESPONSES; i++) {
    const response = await db.insertInto("survey_response").values({
      channel: "web", ward_id: wards[i % wards.length]!.id, reporting_period_id: period.id, survey_version_id: version.id,
      submitted_hour: new Date(Date.UTC(2026, 10, 1 + (i % 20), i % 24)), language: i % 7 === 0 ? "cy" : "en",
    } as never).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("answer").values(firstOptions.map(([question, option]) => ({ survey_response_id: response.id, question_id: question, response_option_id: option }))).execute();
  }
}

type Target = { name: string; make(): Promise<{ source: AppConfig["database"]; empty: AppConfig["database"]; cleanUp(): Promise<void> }> };
const targets: Target[] = [{
  name: "PGlite",
  async make() {
    const root = mkdtempSync(path.join(tmpdir(), "np-backup-"));
    return { source: { kind: "pglite", dataDir: path.join(root, "live") }, empty: { kind: "pglite", dataDir: path.join(root, "restored") }, cleanUp: async () => rmSync(root, { recursive: true, force: true }) };
  },
}];
const serverUrl = process.env.DATABASE_URL;
if (serverUrl && postgresClient("pg_dump") && postgresClient("pg_restore")) {
  targets.push({
    name: "PostgreSQL",
    async make() {
      const live = await createScratchDatabase(serverUrl, "np_backup");
      const restored = await createScratchDatabase(serverUrl, "np_restore");
      return { source: { kind: "postgres", url: live.url }, empty: { kind: "postgres", url: restored.url }, cleanUp: async () => { await live.drop(); await restored.drop(); } };
    },
  });
}

describe.each(targets)("npm run db:backup and db:restore on $name", (target) => {
  // A whole PGlite data folder is dumped and loaded again: over a minute on a busy two-core machine.
  it(`restores a backup into an empty database with every response (${RESPONSES}) and every other row`, { timeout: 180_000 }, async () => {
    const { source, empty, cleanUp } = await target.make();
    const file = path.join(mkdtempSync(path.join(tmpdir(), "np-backup-file-")), "backup");
    try {
      const config = parseConfig({ ...process.env, DATABASE_URL: source.kind === "postgres" ? source.url : "", PGLITE_DIR: source.kind === "pglite" ? source.dataDir : "" });
      const prepared = await prepareDatabase(config);
      await addResponses(prepared.db);
      const before = await fingerprint(prepared.db);
      await prepared.db.destroy();

      const backedUp = await backupDatabase(source, file);
      expect(backedUp.ok && backedUp.value.bytes).toBeGreaterThan(1000);
      expect(await restoreDatabase(empty, file)).toEqual({ ok: true, value: undefined });

      const restored = await openDatabase(empty);
      try {
        const responses = await sql<{ n: number }>`select count(*)::int as n from survey_response where channel = 'web'`.execute(restored);
        expect(Number(responses.rows[0]!.n)).toBe(RESPONSES);
        expect(await fingerprint(restored)).toEqual(before);
        // The restored database is in use at once: a new response takes the next id.
        const next = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('survey_response', 'id'))::int as id`.execute(restored);
        const highest = await sql<{ id: number }>`select max(id)::int as id from survey_response`.execute(restored);
        expect(Number(next.rows[0]!.id)).toBeGreaterThan(Number(highest.rows[0]!.id));
      } finally {
        await restored.destroy();
      }

      // Never over data: the restored database is no longer empty, so a second restore is refused.
      const again = await restoreDatabase(empty, file);
      expect(again.ok ? null : again.error.kind).toBe("TargetNotEmpty");
      // A backup of the other kind is named as such.
      const other = path.join(path.dirname(file), "other");
      writeFileSync(other, source.kind === "pglite" ? "PGDMP fake" : "\x1f\x8b fake");
      const wrong = await restoreDatabase(source.kind === "pglite" ? { kind: "pglite", dataDir: `${empty.kind === "pglite" ? empty.dataDir : ""}-2` } : empty, other);
      expect(wrong.ok ? null : wrong.error.kind).toBe("WrongKind");
    } finally {
      await cleanUp();
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
