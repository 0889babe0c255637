import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~/lib/db/schema";
import { FINANCIAL_YEAR_START } from "~/lib/periods/financial-quarter";
import { DEFAULT_SUPPRESSION_THRESHOLD, MAX_SUPPRESSION_THRESHOLD, MIN_SUPPRESSION_THRESHOLD } from "~/lib/stats/suppress";

/** Each setting's schema and default; the database holds only what an administrator changed. */
export const SETTINGS = {
  suppressionThreshold: z.number().int().min(MIN_SUPPRESSION_THRESHOLD).max(MAX_SUPPRESSION_THRESHOLD).default(DEFAULT_SUPPRESSION_THRESHOLD),
  confidenceLevel: z.union([z.literal(0.9), z.literal(0.95), z.literal(0.99)]).default(0.95),
  /** Months to keep responses; null keeps them until an administrator decides. */
  responseRetentionMonths: z.number().int().min(12).max(240).nullable().default(null),
  /** The month (1 to 12) the reporting year starts in; quarters start there. April: the financial year. */
  reportingYearStartMonth: z.number().int().min(1).max(12).default(FINANCIAL_YEAR_START),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]: z.output<(typeof SETTINGS)[K]> };

/** Every setting, stored values parsed against their schema and defaults filled in. */
export async function readSettings(db: Kysely<Database>): Promise<Settings> {
  const rows = await db.selectFrom("setting").select(["key", "value"]).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const entries = (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
    const parsed = SETTINGS[key].safeParse(stored.get(key));
    // A stored value that no longer fits (a rule tightened since) falls back to the default.
    return [key, parsed.success ? parsed.data : SETTINGS[key].parse(undefined)];
  });
  return Object.fromEntries(entries) as Settings;
}

export async function writeSetting<K extends SettingKey>(db: Kysely<Database>, key: K, value: Settings[K], updatedBy: number | null): Promise<void> {
  const checked = SETTINGS[key].parse(value);
  await db
    .insertInto("setting")
    .values({ key, value: JSON.stringify(checked), updated_by: updatedBy })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(checked), updated_at: new Date(), updated_by: updatedBy }))
    .execute();
}
