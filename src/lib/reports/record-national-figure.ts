import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";

const text = (max: number, missing: string, tooLong: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong);

/** The form an administrator fills in for one indicator's national figure. */
export const nationalFigureFormSchema = z.object({
  // "76.5", "76.5%" or " 76 ": a percentage as the ONS table prints it, to one decimal place.
  percent: z.string({ error: "Enter the percentage for England and Wales" }).trim()
    .min(1, "Enter the percentage for England and Wales")
    .transform((value) => value.replace(/%$/, "").trim())
    .pipe(z.string().regex(/^\d{1,3}(\.\d)?$/, "Enter the percentage as a number, like 76 or 76.5")
      .transform(Number)
      .pipe(z.number().max(100, "Enter a percentage of 100 or less"))),
  period: text(100, "Enter the survey year the figure is for, like year ending March 2025", "The survey year must be 100 characters or fewer"),
  source: text(300, "Enter the publication the figure comes from, so that anyone can check it", "The source must be 300 characters or fewer"),
  sourceUrl: z.string().trim().max(500, "The web address must be 500 characters or fewer")
    .refine((value) => value === "" || /^https:\/\/[^\s]+$/.test(value), "Enter a web address starting https://, or leave it empty")
    .transform((value) => (value === "" ? null : value))
    .optional()
    .transform((value) => value ?? null),
});
export const NATIONAL_FIGURE_FIELDS = ["percent", "period", "source", "sourceUrl"] as const;
export type NationalFigureForm = z.infer<typeof nationalFigureFormSchema>;

type Administrator = { id: number; email: string };

async function standardIndicator(db: Kysely<Database>, key: string) {
  return db.selectFrom("indicator").select(["id", "title"]).where("key", "=", key).where("is_national", "=", true).executeTakeFirst();
}

/**
 * Records (or replaces) the latest national figure for a standard indicator, audit-logged with
 * what it was before. Refused for a local indicator: the CSEW has no figure for the CSP's own.
 */
export async function recordNationalFigure(db: Kysely<Database>, administrator: Administrator, indicatorKey: string, form: NationalFigureForm): Promise<Result<void, "NotStandard">> {
  const indicator = await standardIndicator(db, indicatorKey);
  if (indicator === undefined) return err("NotStandard");
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("national_figure").select(["percent", "period", "source", "source_url"]).where("indicator_id", "=", indicator.id).executeTakeFirst();
    const values = { percent: form.percent, period: form.period, source: form.source, source_url: form.sourceUrl, recorded_by: administrator.id, recorded_at: new Date() };
    await trx.insertInto("national_figure").values({ indicator_id: indicator.id, ...values })
      .onConflict((oc) => oc.column("indicator_id").doUpdateSet(values)).execute();
    await recordAuditEvent(trx, {
      actor: administrator,
      action: "national_figure_recorded",
      object: { type: "indicator", id: indicatorKey },
      detail: {
        percent: form.percent, period: form.period, source: form.source, sourceUrl: form.sourceUrl,
        percentBefore: before?.percent ?? null, periodBefore: before?.period ?? null, sourceBefore: before?.source ?? null,
      },
    });
  });
  return ok(undefined);
}

/** Takes an indicator's national figure away (a mistake, or a figure the ONS withdrew), audit-logged. */
export async function removeNationalFigure(db: Kysely<Database>, administrator: Administrator, indicatorKey: string): Promise<Result<void, "NotStandard">> {
  const indicator = await standardIndicator(db, indicatorKey);
  if (indicator === undefined) return err("NotStandard");
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom("national_figure").where("indicator_id", "=", indicator.id).returning(["percent", "period", "source"]).executeTakeFirst();
    if (removed) {
      await recordAuditEvent(trx, { actor: administrator, action: "national_figure_removed", object: { type: "indicator", id: indicatorKey }, detail: { ...removed, percent: Number(removed.percent) } });
    }
  });
  return ok(undefined);
}
