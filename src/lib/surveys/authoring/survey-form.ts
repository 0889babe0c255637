import { z } from "zod";

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, { error: `${label} must be ${max} characters or fewer` }).optional().transform((v) => (v ? v : null));
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.iso.date({ error: `${label} must be a real date, written like 2027-04-01` }).nullable());

/**
 * The survey an administrator writes. Questions come from the bank: each chosen question gets
 * the page it appears on (`page_<questionKey>` fields), and pages run in number order.
 */
export const surveyFormSchema = z
  .object({
    title: z.string().trim().min(1, { error: "Enter the survey’s title" }).max(120, { error: "Title must be 120 characters or fewer" }),
    titleCy: optionalText(120, "Welsh title"),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "Web address must use only lower-case letters, numbers and single hyphens, like feeling-safe-2027" })
      .max(60, { error: "Web address must be 60 characters or fewer" }),
    introduction: z.string().trim().min(1, { error: "Enter an introduction that says why the survey matters" }).max(2000, { error: "Introduction must be 2,000 characters or fewer" }),
    introductionCy: optionalText(2000, "Welsh introduction"),
    privacyNotice: z.string().trim().min(1, { error: "Enter the privacy notice: what is kept and for how long" }).max(4000, { error: "Privacy notice must be 4,000 characters or fewer" }),
    privacyNoticeCy: optionalText(4000, "Welsh privacy notice"),
    opensOn: optionalDate("Opening date"),
    closesOn: optionalDate("Closing date"),
    requiresAccessCode: z.literal("yes").optional().transform((v) => v === "yes"),
    /** The wards the survey covers; none chosen means every ward. */
    wardCodes: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.string().regex(/^[EWSN][0-9]{8}$/, { error: "Choose wards from the list" }))),
    questions: z.record(
      z.string().regex(/^[a-z0-9_]+$/),
      z.coerce
        .number({ error: "Page numbers must be whole numbers from 1 to 30" })
        .int({ error: "Page numbers must be whole numbers from 1 to 30" })
        .min(1, { error: "Page numbers must be whole numbers from 1 to 30" })
        .max(30, { error: "Page numbers must be whole numbers from 1 to 30" }),
      { error: "Page numbers must be whole numbers from 1 to 30" },
    ),
  })
  .refine((form) => !form.opensOn || !form.closesOn || form.closesOn > form.opensOn, {
    path: ["closesOn"],
    error: "Closing date must be after the opening date",
  })
  .refine((form) => Object.keys(form.questions).length > 0, { path: ["questions"], error: "Choose at least one question from the bank" });

export type SurveyForm = z.infer<typeof surveyFormSchema>;
export const SURVEY_FORM_FIELDS = ["title", "titleCy", "slug", "introduction", "introductionCy", "privacyNotice", "privacyNoticeCy", "opensOn", "closesOn", "wardCodes", "questions"] as const;

/** Form values to the schema's input: `page_<key>` fields with a number become the question's page. */
export function readSurveyForm(values: Record<string, string | string[]>): Record<string, unknown> {
  const pages: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith("page_") && typeof value === "string" && value.trim() !== "") pages[name.slice(5)] = value.trim();
  }
  return { ...values, questions: pages };
}
