import type { ImportableQuestion } from "./import-bank";
import type { DraftMapping, QuestionMapping } from "./import-mapping";
import { normaliseLabel } from "./normalise-label";
import type { ColumnProfile, ExportProfile } from "./profile-export";
import { suggestOptions } from "./suggest-option";
import { suggestQuestion } from "./suggest-question";

/**
 * The mapping offered to the officer for an export they have just uploaded: the partner source's
 * saved template for this shape of file if there is one, otherwise suggestions from the column
 * titles and answer labels. Either way the officer confirms it before anything is checked.
 *
 * A template's "one period for the whole file" is not reapplied (the next export is a later
 * period); its answer labels are, and labels the template has not seen are suggested afresh.
 */
export function suggestMapping(profile: ExportProfile, bank: readonly ImportableQuestion[], template: DraftMapping | null): DraftMapping {
  if (template !== null) {
    return {
      ...template,
      date: template.date?.kind === "fixed" ? null : template.date,
      questions: template.questions.map((mapping) => withNewLabels(mapping, profile.columns[mapping.column], bank)),
    };
  }
  const first = (...roles: ColumnProfile["role"][]) => roles.map((role) => profile.columns.find((c) => c.role === role)).find((c) => c !== undefined);
  const wardColumn = first("ward_code", "ward_name", "postcode");
  const dateColumn = first("timestamp", "date");
  const questions: QuestionMapping[] = [];
  const taken = new Set<string>();
  for (const column of profile.columns) {
    if (column.role !== "question" || column.labels === null) continue;
    const suggestion = suggestQuestion(column.title, column.labels.map((l) => l.label), bank.map((b) => b.question));
    if (suggestion === null || taken.has(suggestion.questionKey)) continue;
    taken.add(suggestion.questionKey);
    questions.push(withNewLabels({ column: column.index, questionKey: suggestion.questionKey, grade: suggestion.grade ?? "not_comparable", answers: [] }, column, bank));
  }
  return {
    respondentIdColumn: first("respondent_id")?.index ?? null,
    ward: wardColumn === undefined ? null : { kind: "column", column: wardColumn.index, by: wardColumn.role === "ward_code" ? "code" : wardColumn.role === "ward_name" ? "name" : "postcode" },
    date: dateColumn === undefined ? null : { kind: "column", column: dateColumn.index, order: dateColumn.dateOrder ?? (profile.tool === "SurveyMonkey" ? "month_first" : "day_first"), periodId: null },
    questions,
  };
}

/** Adds a suggestion for each label of the column that the mapping does not yet cover. */
export function withNewLabels(mapping: QuestionMapping, column: ColumnProfile | undefined, bank: readonly ImportableQuestion[]): QuestionMapping {
  const question = bank.find((b) => b.question.key === mapping.questionKey)?.question;
  if (question === undefined || column?.labels == null) return mapping;
  const known = new Set(mapping.answers.map((a) => normaliseLabel(a.label)));
  const fresh = column.labels.map((l) => l.label).filter((label) => !known.has(normaliseLabel(label)));
  const suggested = suggestOptions(fresh, question).flatMap((s) => (s.optionKey === null ? [] : [{ label: s.label, optionKey: s.optionKey }]));
  return { ...mapping, answers: [...mapping.answers, ...suggested] };
}
