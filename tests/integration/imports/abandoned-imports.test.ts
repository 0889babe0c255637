import { existsSync } from "node:fs";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database } from "~/lib/db/schema";
import { cancelAbandonedImports } from "~/lib/imports/cancel-abandoned-imports";
import { importMappingSchema } from "~/lib/imports/import-mapping";
import { beginCheck } from "~/lib/imports/import-job-runner";
import { startImport } from "~/lib/imports/start-import";
import { IMPORT_FIXTURES, prepareImportDatabase, receivedCopyOf } from "../../support/import-setup";
import { testDatabases } from "../../support/test-databases";

const DAY = 24 * 60 * 60 * 1000;

// A partner's export holds names and email addresses: an import nobody finishes must not keep
// the file (or rows read from it) on the server for ever.
describe.each(testDatabases())("imports left unsaved on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let officer: SessionUser;
  let partnerSourceId: number;

  beforeAll(async () => {
    ({ db, close } = await target.open());
    ({ officer, partnerSourceId } = await prepareImportDatabase(db, "2026-11-25"));
  });
  afterAll(() => close());

  const job = (id: number) => db.selectFrom("import_job").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const checkedImport = async (fixture: string) => {
    const started = await startImport(db, officer, partnerSourceId, receivedCopyOf(`${IMPORT_FIXTURES}/${fixture}`));
    if (!started.ok) throw new Error(started.error.message);
    const jobId = started.value.jobId;
    await (await beginCheck(db, jobId, importMappingSchema.parse((await job(jobId)).mapping))).done;
    expect((await job(jobId)).status).toBe("checked");
    return jobId;
  };
  const lastTouched = (jobId: number, daysAgo: number) =>
    db.updateTable("import_job").set({ updated_at: new Date(Date.now() - daysAgo * DAY) }).where("id", "=", jobId).execute();
  const staged = async (jobId: number) => (await db.selectFrom("import_staged_response").select("row_number").where("job_id", "=", jobId).execute()).length;

  it("cancels an import untouched for more than a week, deleting its file and staged rows, and leaves a newer one", async () => {
    const old = await checkedImport("surveymonkey.csv");
    const recent = await checkedImport("google-forms.csv");
    const oldFile = (await job(old)).file_path!;
    expect(existsSync(oldFile)).toBe(true);
    expect(await staged(old)).toBe(12);
    await lastTouched(old, 8);
    await lastTouched(recent, 6);

    expect(await cancelAbandonedImports(db, new Date())).toBe(1);

    expect(await job(old)).toMatchObject({ status: "cancelled", file_path: null });
    expect(existsSync(oldFile)).toBe(false);
    expect(await staged(old)).toBe(0);
    expect(await job(recent)).toMatchObject({ status: "checked" });
    expect(existsSync((await job(recent)).file_path!)).toBe(true);
    expect(await staged(recent)).toBe(12);
  });

  it("leaves an import being checked or saved alone, however old: its process owns it", async () => {
    const running = await checkedImport("qualtrics.csv");
    await db.updateTable("import_job").set({ status: "committing" }).where("id", "=", running).execute();
    await lastTouched(running, 30);
    expect(await cancelAbandonedImports(db, new Date())).toBe(0);
    expect((await job(running)).status).toBe("committing");
  });
});
