import type { Kysely } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { deleteExpiredDrafts } from "~/lib/surveys/survey-drafts";
import { readSettings } from "./settings";

/**
 * The moment `months` calendar months before `now`: responses submitted before it are past
 * retention. A day the earlier month lacks (31 March less one month) becomes that month's last
 * day, so the cut-off is never later than "N months ago" and nothing is deleted early.
 */
export function retentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`retentionCutoff: months must be a whole number of at least 1, got ${months}`);
  const cutoff = new Date(now.getTime());
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const daysInMonth = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(now.getUTCDate(), daysInMonth));
  return cutoff;
}

export type RetentionPreview = {
  /** The setting in force; null keeps responses until an administrator sets a period. */
  months: number | null;
  cutoff: Date | null;
  /** Responses submitted before the cut-off: what applying retention now would delete. */
  responses: number;
};

/** How many responses applying retention now would delete, without deleting anything. */
export async function previewRetention(db: Kysely<Database>, now: Date): Promise<RetentionPreview> {
  const { responseRetentionMonths: months } = await readSettings(db);
  if (months === null) return { months, cutoff: null, responses: 0 };
  const cutoff = retentionCutoff(now, months);
  return { months, cutoff, responses: await countResponsesBefore(db, cutoff) };
}

export type RetentionResult = RetentionPreview & { answers: number; drafts: number };

/**
 * Applies the retention setting: deletes every response submitted (by its hour) before the
 * cut-off, with its answers (the foreign key cascades), and every expired survey draft, in one
 * transaction with a "retention_deletion" audit event that holds the counts and the cut-off.
 * With no retention period set, no response is deleted whatever its age; expired drafts still
 * are, as they hold unfinished answers the privacy notice promises to delete after 24 hours.
 * `administrator` is null when run from the command line.
 */
export async function applyRetention(
  db: Kysely<Database>,
  now: Date,
  administrator: { id: number; email: string } | null,
): Promise<RetentionResult> {
  return db.transaction().execute(async (trx) => {
    const { responseRetentionMonths: months } = await readSettings(trx);
    const cutoff = months === null ? null : retentionCutoff(now, months);
    let responses = 0;
    let answers = 0;
    if (cutoff !== null) {
      const old = trx.selectFrom("survey_response").select("id").where("submitted_hour", "<", cutoff);
      const counted = await trx.selectFrom("answer").select((eb) => eb.fn.countAll<number>().as("n")).where("survey_response_id", "in", old).executeTakeFirstOrThrow();
      answers = Number(counted.n);
      const deleted = await trx.deleteFrom("survey_response").where("submitted_hour", "<", cutoff).executeTakeFirst();
      responses = Number(deleted.numDeletedRows);
    }
    const drafts = await deleteExpiredDrafts(trx, now);
    await recordAuditEvent(trx, {
      actor: administrator === null ? null : { id: administrator.id, email: administrator.email },
      action: "retention_deletion",
      detail: { retentionMonths: months, cutoff: cutoff?.toISOString() ?? null, responsesDeleted: responses, answersDeleted: answers, draftsDeleted: drafts },
    });
    return { months, cutoff, responses, answers, drafts };
  });
}

async function countResponsesBefore(db: Kysely<Database>, cutoff: Date): Promise<number> {
  const row = await db.selectFrom("survey_response").select((eb) => eb.fn.countAll<number>().as("n")).where("submitted_hour", "<", cutoff).executeTakeFirstOrThrow();
  return Number(row.n);
}
