import type { z } from "zod";

/** One shape for every form's errors: the summary links to each field; the field shows the same text. */
export type FormErrors = { summary: { href: string; text: string }[]; byField: Record<string, string> };

/** Builds form errors in the order the fields appear on the page, one message per field. */
export function toFormErrors(error: z.ZodError, fieldOrder: readonly string[]): FormErrors {
  const byField: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? fieldOrder[0] ?? "form");
    byField[field] ??= issue.message;
  }
  return fromMessages(byField, fieldOrder);
}

/** Form errors from messages a lib function decided (a wrong password, a used link). */
export function fromMessages(byField: Record<string, string>, fieldOrder: readonly string[]): FormErrors {
  const ordered = [...fieldOrder.filter((f) => f in byField), ...Object.keys(byField).filter((f) => !fieldOrder.includes(f))];
  return { summary: ordered.map((field) => ({ href: `#${field}`, text: byField[field]! })), byField };
}

/**
 * Reads a urlencoded or multipart form into plain values, keeping repeated names as arrays.
 * The object has no prototype: a field named `__proto__` (sent by the hostile-input tests) would
 * otherwise find Object.prototype already "there" and replace the object's prototype with an
 * array of values; names like `a[b][c]` are plain names, never nested.
 */
export function readForm(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const existing = values[name];
    values[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}
