import { z } from "zod";
import { err, ok, type Result } from "~/lib/result";
import type { ImportableQuestion } from "./import-bank";
import type { DraftMapping, QuestionMapping } from "./import-mapping";
import type { ExportProfile } from "./profile-export";
import { suggestQuestion } from "./suggest-question";
import { withNewLabels } from "./suggest-mapping";

/** What the officer says a column is for, as the column's select on the columns page holds it. */
export type ColumnUse = "ignore" | "respondent_id" | "ward_code" | "ward_name" | "postcode" | "date" | `question:${string}`;

export const columnField = (index: number) => `column-${index}`;
export const COLUMN_PAGE_FIELDS = ["wardForFile", "periodForFile", "dateOrder", "onlyPeriod"] as const;

/** The use each column has in a mapping, to preselect the columns page. Personal data is never offered. */
export function columnUses(draft: DraftMapping, profile: ExportProfile): Map<number, ColumnUse> {
  const uses = new Map<number, ColumnUse>(profile.columns.filter((c) => c.role !== "personal_data").map((c) => [c.index, "ignore"]));
  if (draft.respondentIdColumn !== null) uses.set(draft.respondentIdColumn, "respondent_id");
  if (draft.ward?.kind === "column") uses.set(draft.ward.column, draft.ward.by === "code" ? "ward_code" : draft.ward.by === "name" ? "ward_name" : "postcode");
  if (draft.date?.kind === "column") uses.set(draft.date.column, "date");
  for (const q of draft.questions) uses.set(q.column, `question:${q.questionKey}`);
  return uses;
}

type Choices = { questions: readonly ImportableQuestion[]; periodIds: ReadonlySet<number>; wardIds: ReadonlySet<number> };

const optionalId = z.string().trim().regex(/^\d*$/).transform((value) => (value === "" ? null : Number(value)));
const formSchema = z.object({
  wardForFile: optionalId.catch(null),
  periodForFile: optionalId.catch(null),
  onlyPeriod: optionalId.catch(null),
  dateOrder: z.enum(["day_first", "month_first"]).catch("day_first"),
});

/**
 * Reads the columns page into a mapping: which column gives the ward (or one ward for the whole
 * file), the date (or one period), the respondent id, and which bank question each answer column
 * asks. Answer labels already mapped for the same question are kept; new ones are suggested. Every
 * problem comes back against the field to fix, in the officer's words.
 */
export function readColumnChoices(form: Record<string, string>, profile: ExportProfile, previous: DraftMapping, choices: Choices): Result<DraftMapping, Record<string, string>> {
  const errors: Record<string, string> = {};
  const fields = formSchema.parse(form);
  const used = { ward: null as number | null, date: null as number | null, respondent: null as number | null };
  const questions: QuestionMapping[] = [];
  const byQuestion = new Map<string, number>();
  let wardBy: "code" | "name" | "postcode" = "name";
  const titleOf = (index: number) => `“${profile.columns[index]?.title ?? ""}”`;

  for (const column of profile.columns) {
    if (column.role === "personal_data") continue;
    const field = columnField(column.index);
    const use = (form[field] ?? "ignore") as ColumnUse;
    const once = (slot: keyof typeof used, what: string) => {
      if (used[slot] !== null) errors[field] = `Only one column can give ${what}: ${titleOf(used[slot]!)} already does`;
      else used[slot] = column.index;
    };
    if (use === "ignore") continue;
    if (use === "respondent_id") once("respondent", "the respondent id");
    else if (use === "ward_code" || use === "ward_name" || use === "postcode") {
      once("ward", "the ward");
      wardBy = use === "ward_code" ? "code" : use === "ward_name" ? "name" : "postcode";
    } else if (use === "date") once("date", "the date of the response");
    else if (use.startsWith("question:")) {
      const key = use.slice("question:".length);
      const bank = choices.questions.find((q) => q.question.key === key);
      if (bank === undefined) errors[field] = "Choose a question from the list";
      else if (column.labels === null) errors[field] = `${titleOf(column.index)} has more than 60 different answers, so it holds free text, which is not imported. Choose “Not imported”`;
      else if (byQuestion.has(key)) errors[field] = `${titleOf(byQuestion.get(key)!)} already answers this question. Choose a different question or “Not imported”`;
      else {
        byQuestion.set(key, column.index);
        const kept = previous.questions.find((q) => q.column === column.index && q.questionKey === key);
        const grade = suggestQuestion(column.title, column.labels.map((l) => l.label), [bank.question])?.grade ?? "not_comparable";
        questions.push(withNewLabels(kept ?? { column: column.index, questionKey: key, grade, answers: [] }, column, choices.questions));
      }
    } else errors[field] = "Choose what this column holds";
  }

  if (used.ward === null && fields.wardForFile === null) errors.wardForFile = "Choose a column that gives the ward, or one ward for the whole file";
  if (used.ward === null && fields.wardForFile !== null && !choices.wardIds.has(fields.wardForFile)) errors.wardForFile = "Choose a ward from the list";
  if (used.date === null && fields.periodForFile === null) errors.periodForFile = "Choose a column that gives the date of each response, or one reporting period for the whole file";
  for (const name of ["periodForFile", "onlyPeriod"] as const) {
    const id = fields[name];
    if (id !== null && !choices.periodIds.has(id)) errors[name] = "Choose a reporting period from the list";
  }
  if (questions.length === 0 && Object.keys(errors).length === 0) {
    const firstQuestion = profile.columns.find((c) => c.role !== "personal_data");
    errors[columnField(firstQuestion?.index ?? 0)] = "Choose at least one column that answers a question in the question bank";
  }
  if (Object.keys(errors).length > 0) return err(errors);
  return ok({
    respondentIdColumn: used.respondent,
    ward: used.ward !== null ? { kind: "column", column: used.ward, by: wardBy } : { kind: "fixed", wardId: fields.wardForFile! },
    date: used.date !== null ? { kind: "column", column: used.date, order: fields.dateOrder, periodId: fields.onlyPeriod } : { kind: "fixed", periodId: fields.periodForFile! },
    questions,
  });
}
