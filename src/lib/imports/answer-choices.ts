import { err, ok, type Result } from "~/lib/result";
import type { ImportableQuestion } from "./import-bank";
import { importMappingSchema, type DraftMapping, type ImportMapping } from "./import-mapping";
import type { ExportProfile } from "./profile-export";

export const LEAVE_OUT = "leave_out";
export const gradeField = (column: number) => `grade-${column}`;
export const answerField = (column: number, labelIndex: number) => `answer-${column}-${labelIndex}`;

/**
 * Reads the answers page: for each mapped column, its comparability grade and, for each label
 * found in it, the option it counts as, "leave out" (not an answer, such as "N/A"), or nothing
 * yet. A label left unchosen is not guessed at: the dry run lists its rows as problems.
 */
export function readAnswerChoices(form: Record<string, string>, profile: ExportProfile, draft: DraftMapping, bank: readonly ImportableQuestion[]): Result<ImportMapping, Record<string, string>> {
  const errors: Record<string, string> = {};
  const questions = draft.questions.map((mapping) => {
    const question = bank.find((b) => b.question.key === mapping.questionKey)?.question;
    const labels = profile.columns[mapping.column]?.labels ?? [];
    const grade = form[gradeField(mapping.column)];
    if (grade !== "same" && grade !== "equivalent" && grade !== "not_comparable") errors[gradeField(mapping.column)] = "Choose how comparable this question is with the bank’s";
    const answers = labels.flatMap(({ label }, index): { label: string; optionKey: string | null }[] => {
      const choice = form[answerField(mapping.column, index)] ?? "";
      if (choice === "") return [];
      if (choice === LEAVE_OUT) return [{ label, optionKey: null }];
      if (!question?.options.some((o) => o.key === choice)) {
        errors[answerField(mapping.column, index)] = `Choose an answer from the list for “${label}”`;
        return [];
      }
      return [{ label, optionKey: choice }];
    });
    return { ...mapping, grade: (grade ?? "not_comparable") as ImportMapping["questions"][number]["grade"], answers };
  });
  if (Object.keys(errors).length > 0) return err(errors);
  const parsed = importMappingSchema.safeParse({ ...draft, questions });
  if (!parsed.success) return err({ form: "Choose the columns again: the ward, the date and at least one question are needed" });
  return ok(parsed.data);
}
