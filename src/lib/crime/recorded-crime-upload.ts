import { z } from "zod";
import type { StreetCrimeTally } from "./tally-street-crime";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const count = z.number().int().nonnegative();

/**
 * A checked upload waiting in pending_upload between its preview and "Load": the tally, read
 * back through this schema, since the row is JSON that outlived the request that wrote it.
 */
export const recordedCrimeUploadSchema = z.object({
  force: z.string().min(1).max(200),
  files: z.array(z.object({ name: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), rows: count })).min(1),
  months: z.array(z.object({
    month: z.string().regex(MONTH), file: z.string(), rows: count, placed: count, withoutLocation: count, outsideArea: count,
  })).min(1),
  counts: z.array(z.object({ wardId: z.number().int().positive(), month: z.string().regex(MONTH), crimeType: z.string().min(1).max(100), count: z.number().int().positive() })),
  rowsRead: count,
  rowsPlaced: count,
  rowsWithoutLocation: count,
  rowsOutsideArea: count,
}) satisfies z.ZodType<StreetCrimeTally>;

/** 'YYYY-MM' to the month's first day, as the month columns hold it. */
export const firstDayOf = (month: string) => `${month}-01`;
/** A month column's 'YYYY-MM-DD' back to 'YYYY-MM'. */
export const monthOf = (firstDay: string) => String(firstDay).slice(0, 7);

/** "March 2024", as GOV.UK writes a month. */
export function formatMonth(month: string): string {
  return new Date(`${month}-15T12:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}
