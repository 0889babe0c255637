import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readSettings, writeSetting } from "~/lib/settings/settings";
import { testDatabases } from "../../support/test-databases";

describe.each(testDatabases())("settings on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
  });
  afterAll(() => close());

  it("gives the defaults from DOMAIN.md until an administrator changes them", async () => {
    expect(await readSettings(db)).toEqual({ suppressionThreshold: 50, confidenceLevel: 0.95, responseRetentionMonths: null, reportingYearStartMonth: 4 });
  });

  it("keeps a changed setting, and refuses one outside its allowed range", async () => {
    await writeSetting(db, "suppressionThreshold", 30, null);
    await writeSetting(db, "suppressionThreshold", 40, null);
    expect((await readSettings(db)).suppressionThreshold).toBe(40);
    await expect(writeSetting(db, "suppressionThreshold", 10, null)).rejects.toThrow();
    expect((await readSettings(db)).suppressionThreshold).toBe(40);
  });
});
