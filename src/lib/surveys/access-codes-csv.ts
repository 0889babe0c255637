import { CSV_LINE_END, csvLine } from "~/lib/csv/csv-cell";

/**
 * New access codes as a CSV for a mail merge: a header, then one row per code with the survey's
 * address beside it, so each letter can print both. CRLF and a byte order mark, so Excel (which
 * most mail merges start from) reads it as UTF-8.
 */
export function accessCodesCsv(codes: readonly string[], surveyAddress: string): string {
  const lines = [csvLine(["access_code", "survey_address"]), ...codes.map((code) => csvLine([code, surveyAddress]))];
  return `\uFEFF${lines.join(CSV_LINE_END)}${CSV_LINE_END}`;
}

/** feeling-safe-access-codes-2026-11-25-1437.csv: dated, so two batches on one day differ. */
export function accessCodesFileName(slug: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  return `${slug.replace(/[^a-z0-9-]/g, "")}-access-codes-${stamp}.csv`;
}
