import type { Kysely } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { readSettings, writeSetting, type SettingKey, type Settings } from "./settings";

/**
 * Saves the settings an administrator chose, each changed one with an audit event holding its
 * old and new values, all in one transaction. A setting left as it was is neither written nor
 * audited, so the log shows only real changes. Returns the keys that changed, in form order.
 * Throws when a value is outside its setting's range: the form's schema should have caught it.
 */
export async function changeSettings(
  db: Kysely<Database>,
  administrator: { id: number; email: string },
  values: Partial<Settings>,
): Promise<SettingKey[]> {
  return db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    const changed = (Object.keys(values) as SettingKey[]).filter((key) => values[key] !== undefined && values[key] !== before[key]);
    for (const key of changed) {
      await writeSetting(trx, key, values[key]!, administrator.id);
      await recordAuditEvent(trx, {
        actor: { id: administrator.id, email: administrator.email },
        action: "setting_changed",
        object: { type: "setting", id: key },
        detail: { setting: key, oldValue: before[key], newValue: values[key]! },
      });
    }
    return changed;
  });
}
