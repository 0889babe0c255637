import { z } from "zod";
import { readDateParts } from "~/lib/forms/date-parts";
import type { FormErrors } from "~/lib/forms/form-errors";
import type { AreaChoice } from "./boundary-change-request";

/** The form's fields in page order, which is the error summary's order. */
export const AREA_UPLOAD_FIELDS = [
  "area", "newAreaCode", "newAreaName", "partnershipName", "attribution",
  "boundariesFile", "codeProperty", "nameProperty", "namesFile",
  "effectiveDate-day", "effectiveDate-month", "effectiveDate-year",
] as const;

/** The attribution ONS ward boundaries carry (Open Government Licence v3.0); the OS year follows the release. */
export const DEFAULT_ATTRIBUTION = [
  "Source: Office for National Statistics licensed under the Open Government Licence v.3.0",
  "Contains OS data © Crown copyright and database right 2025",
].join("\n");

export type AreaUploadForm = { area: AreaChoice; effectiveDate: string; codeProperty: string; nameProperty: string };

// Local authorities that have community safety partnerships: unitary authorities and districts
// (E06, E07), metropolitan districts (E08), London boroughs (E09), Welsh principal areas (W06).
const LOCAL_AUTHORITY = /^(E0[6-9]|W06)\d{6}$/;
const text = z.unknown().optional().transform((value) => (typeof value === "string" ? value.trim() : ""));

/**
 * The text fields of the "Load wards" form (the files are read by readWardUpload). The new-area
 * fields are needed only when "A new area" is selected; the property names may be left blank for
 * readWardUpload to find them.
 */
export const areaUploadSchema = z
  .looseObject({
    area: text,
    newAreaCode: text.transform((code) => code.toUpperCase().replace(/\s+/g, "")),
    newAreaName: text,
    partnershipName: text,
    attribution: text,
    codeProperty: text.pipe(z.string().max(100, { error: "The property holding the ward code must be 100 characters or fewer" })),
    nameProperty: text.pipe(z.string().max(100, { error: "The property holding the ward name must be 100 characters or fewer" })),
  })
  .transform((values, ctx): AreaUploadForm => {
    const fail = (field: string, message: string) => ctx.issues.push({ code: "custom", message, path: [field], input: values });
    const isNew = values.area === "new";
    if (values.area === "") fail("area", "Select the local area the wards are for");
    else if (!isNew && !/^[EWSN][0-9]{8}$/.test(values.area)) fail("area", "Select one of the local areas listed, or a new area");
    if (isNew) {
      if (values.newAreaCode === "") fail("newAreaCode", "Enter the local authority's GSS code");
      else if (!LOCAL_AUTHORITY.test(values.newAreaCode)) fail("newAreaCode", "Enter the local authority's GSS code as 9 characters starting E06, E07, E08, E09 or W06, like E06000019");
      if (values.newAreaName === "") fail("newAreaName", "Enter the local authority's name");
      if (values.partnershipName === "") fail("partnershipName", "Enter the name of the community safety partnership");
      if (attributionLines(values.attribution).length === 0) fail("attribution", "Enter the attribution to show with the ward boundaries, from the licence they were published under");
    }
    const date = readDateParts(values, "effectiveDate", { enter: "Enter the date the boundaries take effect", subject: "The date the boundaries take effect" });
    if (!date.ok) fail(`effectiveDate-${date.error.part}`, date.error.message);
    const area: AreaChoice = isNew
      ? { kind: "new", gssCode: values.newAreaCode, name: values.newAreaName, partnershipName: values.partnershipName, attribution: attributionLines(values.attribution) }
      : { kind: "existing", gssCode: values.area };
    return { area, effectiveDate: date.ok ? date.value : "", codeProperty: values.codeProperty, nameProperty: values.nameProperty };
  });

const attributionLines = (attribution: string) => attribution.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");

/**
 * Form errors from every source on this page (the fields, the files, the comparison with the
 * current wards) in page order. A file can have many problems: each gets a line in the summary,
 * and `byField` keeps them all, one per line, for the message under the file input.
 */
export function toAreaUploadErrors(problems: readonly { field: string; message: string }[]): FormErrors {
  const order = (field: string) => {
    const index = (AREA_UPLOAD_FIELDS as readonly string[]).indexOf(field);
    return index < 0 ? AREA_UPLOAD_FIELDS.length : index;
  };
  // A date problem found by comparing with the recorded wards is about the date as a whole: its
  // link goes to the first box, as govuk-frontend's date input expects.
  const located = problems.map(({ field, message }) => ({ field: field === "effectiveDate" ? "effectiveDate-day" : field, message }));
  const sorted = located.sort((a, b) => order(a.field) - order(b.field));
  const byField: Record<string, string> = {};
  for (const { field, message } of sorted) byField[field] = byField[field] === undefined ? message : `${byField[field]}\n${message}`;
  return { summary: sorted.map(({ field, message }) => ({ href: `#${field}`, text: message })), byField };
}

/** Zod issues as problems for toAreaUploadErrors. */
export const issuesAsProblems = (error: z.ZodError) => error.issues.map((issue) => ({ field: String(issue.path[0] ?? "area"), message: issue.message }));
