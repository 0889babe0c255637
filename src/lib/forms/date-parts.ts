import { err, ok, type Result } from "~/lib/result";

export type DatePart = "day" | "month" | "year";

/**
 * Reads a GOV.UK date input (three boxes: day, month, year) as 'YYYY-MM-DD'. The error messages
 * follow the date input component's guidance, in order: nothing entered, a box left empty, a year
 * without four numbers, then a date that does not exist (31 April, 29 February 2027). The error
 * names the first box to fix, so the summary can link to it.
 * `question` starts the messages, for example "The date the boundaries take effect".
 */
export function readDateParts(
  values: Record<string, unknown>,
  name: string,
  question: { enter: string; subject: string },
): Result<string, { part: DatePart; message: string }> {
  const text = (part: DatePart) => (typeof values[`${name}-${part}`] === "string" ? (values[`${name}-${part}`] as string).trim() : "");
  const parts = { day: text("day"), month: text("month"), year: text("year") };
  const missing = (["day", "month", "year"] as const).filter((part) => parts[part] === "");
  if (missing.length === 3) return err({ part: "day", message: question.enter });
  if (missing.length > 0) return err({ part: missing[0]!, message: `${question.subject} must include a ${missing.join(" and ")}` });
  if (!/^\d{4}$/.test(parts.year)) return err({ part: "year", message: "Year must include 4 numbers" });
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month)) return err({ part: "day", message: `${question.subject} must be a real date` });
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return err({ part: "day", message: `${question.subject} must be a real date` });
  }
  return ok(`${parts.year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
}
