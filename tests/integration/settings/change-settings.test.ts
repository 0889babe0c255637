import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readSettings } from "~/lib/settings/settings";
import { changeSettings } from "~/lib/settings/change-settings";
import { settingsFormSchema } from "~/lib/settings/settings-form";
import { testDatabases } from "../../support/test-databases";

describe.each(testDatabases())("changing settings on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let administrator: { id: number; email: string };
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    const user = await db.insertInto("app_user")
      .values({ email: "ada@example.test", display_name: "Ada", role: "administrator", password_hash: "x", password_changed_at: new Date() })
      .returning(["id", "email"]).executeTakeFirstOrThrow();
    administrator = user;
  });
  afterAll(() => close());

  const auditEvents = () => db.selectFrom("audit_event").select(["action", "actor_email", "object_type", "object_id", "detail"])
    .where("action", "=", "setting_changed").orderBy("id").execute();

  it("saves what the form says and records each change with its old and new values", async () => {
    const values = settingsFormSchema.parse({ suppressionThreshold: "40", confidenceLevel: "95", responseRetentionMonths: "36" });
    expect(await changeSettings(db, administrator, values)).toEqual(["suppressionThreshold", "responseRetentionMonths"]);
    expect(await readSettings(db)).toEqual({ suppressionThreshold: 40, confidenceLevel: 0.95, responseRetentionMonths: 36, reportingYearStartMonth: 4 });
    expect(await auditEvents()).toEqual([
      { action: "setting_changed", actor_email: "ada@example.test", object_type: "setting", object_id: "suppressionThreshold", detail: { setting: "suppressionThreshold", oldValue: 50, newValue: 40 } },
      { action: "setting_changed", actor_email: "ada@example.test", object_type: "setting", object_id: "responseRetentionMonths", detail: { setting: "responseRetentionMonths", oldValue: null, newValue: 36 } },
    ]);
    const stored = await db.selectFrom("setting").select(["key", "updated_by"]).orderBy("key").execute();
    expect(stored).toEqual([{ key: "responseRetentionMonths", updated_by: administrator.id }, { key: "suppressionThreshold", updated_by: administrator.id }]);
  });

  it("writes and records nothing when nothing changed", async () => {
    const before = (await auditEvents()).length;
    expect(await changeSettings(db, administrator, { suppressionThreshold: 40, confidenceLevel: 0.95, responseRetentionMonths: 36 })).toEqual([]);
    expect(await auditEvents()).toHaveLength(before);
  });

  it("can clear retention again, back to keeping responses", async () => {
    expect(await changeSettings(db, administrator, { suppressionThreshold: 40, confidenceLevel: 0.99, responseRetentionMonths: null })).toEqual(["confidenceLevel", "responseRetentionMonths"]);
    expect(await readSettings(db)).toEqual({ suppressionThreshold: 40, confidenceLevel: 0.99, responseRetentionMonths: null, reportingYearStartMonth: 4 });
    expect((await auditEvents()).at(-1)?.detail).toEqual({ setting: "responseRetentionMonths", oldValue: 36, newValue: null });
  });

  it("changes nothing at all when one value is out of range", async () => {
    const before = (await auditEvents()).length;
    await expect(changeSettings(db, administrator, { suppressionThreshold: 20, confidenceLevel: 0.9, responseRetentionMonths: null })).rejects.toThrow();
    await expect(changeSettings(db, administrator, { suppressionThreshold: 60, confidenceLevel: 0.9, responseRetentionMonths: 6 })).rejects.toThrow();
    expect(await readSettings(db)).toEqual({ suppressionThreshold: 40, confidenceLevel: 0.99, responseRetentionMonths: null, reportingYearStartMonth: 4 });
    expect(await auditEvents()).toHaveLength(before);
  });
});
