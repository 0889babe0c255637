import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { deleteExpiredPendingUploads, keepPendingUpload } from "~/lib/forms/pending-upload";
import { listDatedWards, wardLocatorsByDate } from "~/lib/geography/ward-locators-by-date";
import { err, ok, type Result } from "~/lib/result";
import { describeRecordedCrimeUpload, type RecordedCrimePreview } from "./describe-recorded-crime-upload";
import { StreetCrimeZipUnreadable } from "./street-crime-zip";
import { tallyStreetCrime, wardDateForMonth, type StreetCrimeFile, type StreetCrimeRefused } from "./tally-street-crime";

export type RecordedCrimeUploadRefused = StreetCrimeRefused | { kind: "ZipUnreadable"; message: string };

/**
 * Reads and counts uploaded street-level files and keeps the counts for "Load" without saving
 * them: the preview says what would be loaded, including the months this force already has
 * loaded, which loading would replace only if the officer chooses to. Each month's rows are
 * placed in the wards in force in the middle of that month. Nothing is counted when anything
 * is refused (tally-street-crime.ts and street-crime-zip.ts say what).
 */
export async function previewRecordedCrime(
  db: Kysely<Database>,
  actor: { id: number },
  files: AsyncIterable<StreetCrimeFile> | Iterable<StreetCrimeFile>,
  now = new Date(),
): Promise<Result<RecordedCrimePreview, RecordedCrimeUploadRefused>> {
  const locatorOn = wardLocatorsByDate(await listDatedWards(db));
  let tally;
  try {
    tally = await tallyStreetCrime(files, (month) => locatorOn(wardDateForMonth(month)));
  } catch (error) {
    if (error instanceof StreetCrimeZipUnreadable) return err({ kind: "ZipUnreadable", message: error.message });
    throw error;
  }
  if (!tally.ok) return tally;
  await deleteExpiredPendingUploads(db, now);
  const uploadId = await keepPendingUpload(db, { kind: "recorded_crime", payload: tally.value, createdBy: actor.id, now });
  return ok(await describeRecordedCrimeUpload(db, uploadId, tally.value));
}

