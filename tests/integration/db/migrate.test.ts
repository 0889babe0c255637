import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import type { Migration } from "kysely/migration";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest, MigrationFailedError } from "~/lib/db/migrate";
import { migrations } from "~/lib/db/migration-list";
import { testDatabases } from "../../support/test-databases";

const tableNames = async (db: Kysely<Database>) =>
  (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db)).rows.map((r) => r.table_name);

describe.each(testDatabases())("migrations on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ db, close } = await target.open());
  });
  afterEach(() => close());

  it("creates the core schema on an empty database, then has nothing left to apply", async () => {
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
    const tables = await tableNames(db);
    for (const table of ["local_area", "ward", "question", "response_option", "indicator", "survey", "survey_version", "reporting_period", "survey_response", "answer", "partner_source", "import_batch"]) {
      expect(tables).toContain(table);
    }
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it("names a failing migration and leaves the schema as it was", async () => {
    await migrateToLatest(db);
    const before = await tableNames(db);
    const broken: Migration = {
      async up(trx) {
        await trx.schema.createTable("half_done").addColumn("id", "integer").execute();
        await sql`select * from table_that_does_not_exist`.execute(trx);
      },
    };
    const withBroken = { ...migrations, "2099_01_01_0000_break_everything": broken };
    const failure = await migrateToLatest(db, withBroken).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationFailedError);
    expect((failure as MigrationFailedError).migrationName).toBe("2099_01_01_0000_break_everything");
    expect((failure as Error).message).toMatch(/table_that_does_not_exist/);
    expect(await tableNames(db)).toEqual(before);
  });

  it("rolls back every pending migration when a later one fails", async () => {
    const broken: Migration = { async up(trx) { await sql`select 1/0`.execute(trx); } };
    await expect(migrateToLatest(db, { ...migrations, "2099_01_01_0000_divide_by_zero": broken })).rejects.toThrow(/division by zero/);
    expect(await tableNames(db)).not.toContain("ward");
  });
});
