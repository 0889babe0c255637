import { z } from "zod";
import { wholeNumberText } from "~/lib/forms/whole-number-text";
import { MAX_SUPPRESSION_THRESHOLD, MIN_SUPPRESSION_THRESHOLD } from "~/lib/stats/suppress";
import type { Settings } from "./settings";

export const SETTINGS_FIELDS = ["suppressionThreshold", "confidenceLevel", "responseRetentionMonths"] as const;
export const MIN_RETENTION_MONTHS = 12;
export const MAX_RETENTION_MONTHS = 240;

/** The form's radio values, as percentages people read, and the setting each one stands for. */
export const CONFIDENCE_CHOICES = [
  { value: "90", level: 0.9, text: "90%" },
  { value: "95", level: 0.95, text: "95%", hint: "The default" },
  { value: "99", level: 0.99, text: "99%" },
] as const satisfies readonly { value: string; level: Settings["confidenceLevel"]; text: string; hint?: string }[];

/** The settings page's form: strings in, a complete `Settings` out. Messages follow GOV.UK. */
export const settingsFormSchema = z.object({
  suppressionThreshold: wholeNumberText(MIN_SUPPRESSION_THRESHOLD, MAX_SUPPRESSION_THRESHOLD, {
    empty: "Enter the suppression threshold",
    notWhole: "Suppression threshold must be a whole number, like 50",
    outOfRange: `Suppression threshold must be between ${MIN_SUPPRESSION_THRESHOLD} and ${MAX_SUPPRESSION_THRESHOLD}`,
  }).pipe(z.number()),
  confidenceLevel: z
    .enum(CONFIDENCE_CHOICES.map((c) => c.value) as ["90", "95", "99"], { error: "Select a confidence level" })
    .transform((value) => CONFIDENCE_CHOICES.find((c) => c.value === value)!.level),
  responseRetentionMonths: wholeNumberText(MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS, {
    empty: null,
    notWhole: "Response retention must be a whole number of months, like 36, or left blank",
    outOfRange: `Response retention must be between ${MIN_RETENTION_MONTHS} and ${MAX_RETENTION_MONTHS} months, or left blank to keep responses`,
  }),
  // The reporting year's start has a page of its own: changing it moves responses between periods.
}) satisfies z.ZodType<Omit<Settings, "reportingYearStartMonth">, unknown>;

/** The form filled in from the settings in force, as the page first shows it. */
export function settingsFormValues(settings: Omit<Settings, "reportingYearStartMonth">): Record<(typeof SETTINGS_FIELDS)[number], string> {
  return {
    suppressionThreshold: String(settings.suppressionThreshold),
    confidenceLevel: CONFIDENCE_CHOICES.find((c) => c.level === settings.confidenceLevel)?.value ?? "95",
    responseRetentionMonths: settings.responseRetentionMonths === null ? "" : String(settings.responseRetentionMonths),
  };
}
