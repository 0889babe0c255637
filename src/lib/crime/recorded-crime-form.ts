import { z } from "zod";
import { fromMessages, type FormErrors } from "~/lib/forms/form-errors";
import type { RecordedCrimeCommitRefused } from "./commit-recorded-crime";
import type { RecordedCrimeUploadRefused } from "./preview-recorded-crime";
import { formatMonth } from "./recorded-crime-upload";
import type { CrimeFileProblem } from "./tally-street-crime";
import type { RecordedCrimeUndoRefused } from "./undo-recorded-crime";

/** The page's fields in page order: the file input, then the preview's "replace" choice. */
export const RECORDED_CRIME_FIELDS = ["crimeFiles", "replace"] as const;

// "replace" is a single checkbox: a browser sends it only when it is ticked.
export const loadFormSchema = z.object({
  upload: z.string().catch(""),
  replace: z.unknown().optional().transform((value) => value === "yes"),
});
export const undoFormSchema = z.object({ batch: z.coerce.number().int().positive() });

export type RecordedCrimeFormProblem = { errors: FormErrors; fileProblems: { shown: CrimeFileProblem[]; count: number } | null };

const quoted = (names: readonly string[]) => names.map((name) => `“${name}”`);
const list = (items: readonly string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** What to tell the officer when the files cannot be counted; nothing has been loaded. */
export function uploadProblem(refused: RecordedCrimeUploadRefused | { kind: "TooLarge"; maxMb: number }): RecordedCrimeFormProblem {
  const message = (text: string, fileProblems: RecordedCrimeFormProblem["fileProblems"] = null) => ({ errors: fromMessages({ crimeFiles: text }, RECORDED_CRIME_FIELDS), fileProblems });
  switch (refused.kind) {
    case "TooLarge": return message(`The selected files must be smaller than ${refused.maxMb}MB in all. Upload fewer months at a time`);
    case "ZipUnreadable": return message(refused.message);
    case "NoFiles": return message("Select one or more street-level crime CSV files from data.police.uk, or a ZIP of them");
    case "NotCsv": return message(`${refused.file} is not a CSV file that can be read: ${refused.message}`);
    case "NotStreetCrime": return message(
      `${refused.file} is not a data.police.uk street-level crime file: it has no ${quoted(refused.missing).join(", no ")} column. ` +
      `Select the files whose names end “-street.csv”, not outcomes or stop and search. Columns found: ${refused.found.join(", ") || "none"}`);
    case "FileErrors": return message(
      `The files have ${refused.errorCount === 1 ? "a problem" : plural(refused.errorCount, "problem", "problems")}, listed below the form. Nothing was loaded: download the files again or correct them`,
      { shown: refused.errors, count: refused.errorCount });
    case "NoRows": return message("The files have no rows of crime below their first row");
    case "SameFileTwice": return message(`${refused.files[0]} and ${refused.files[1]} are the same file. Select each file once`);
    case "MonthInTwoFiles": return message(`${formatMonth(refused.month)} is in both ${refused.files[0]} and ${refused.files[1]}, so its crimes would be counted twice. Select one file for each month`);
    case "MixedForces": return message(`The files are from more than one force (${list(refused.forces)}). Load each force's files separately`);
    case "NoWardsForMonths": return message(
      `No wards are recorded for ${list(refused.months.map(formatMonth))}. Crimes are placed in the wards in force in the middle of each month: leave ${refused.months.length === 1 ? "that month" : "those months"} out, or record the wards for ${refused.months.length === 1 ? "it" : "them"} under Area and wards`);
  }
}

/** What to tell the officer when "Load" is refused; only MonthsLoaded keeps the preview. */
export function loadProblem(refused: RecordedCrimeCommitRefused): FormErrors {
  if (refused.kind === "Expired") return fromMessages({ crimeFiles: "The preview has expired or the files have already been loaded: upload the files again" }, RECORDED_CRIME_FIELDS);
  return fromMessages({ replace: `Select “Replace” to load ${list(refused.months.map(formatMonth))} again, or upload files without ${refused.months.length === 1 ? "that month" : "those months"}` }, RECORDED_CRIME_FIELDS);
}

export function undoProblem(refused: RecordedCrimeUndoRefused, batchId: number): FormErrors {
  const href = `#batch-${batchId}`;
  const text = refused === "AlreadyEnded" ? `Load ${batchId} has already been undone or replaced`
    : refused === "NotTheirs" ? `Load ${batchId} was made by someone else: ask them or an administrator to undo it`
    : `Load ${batchId} cannot be found`;
  return { summary: [{ href, text }], byField: {} };
}
