import { z } from "zod";

const column = z.number().int().min(0);
const id = z.number().int().positive();

export const wardSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("column"), column, by: z.enum(["code", "name", "postcode"]) }),
  z.object({ kind: z.literal("fixed"), wardId: id }),
]);

export const dateSourceSchema = z.discriminatedUnion("kind", [
  // periodId: when set, a response dated outside that reporting period is a problem, not imported.
  z.object({ kind: z.literal("column"), column, order: z.enum(["day_first", "month_first"]), periodId: id.nullable() }),
  z.object({ kind: z.literal("fixed"), periodId: id }),
]);

export const questionMappingSchema = z.object({
  column,
  questionKey: z.string().min(1),
  grade: z.enum(["same", "equivalent", "not_comparable"]),
  // Each distinct label of the column: the option it counts as, or null to leave it out (not an answer).
  answers: z.array(z.object({ label: z.string(), optionKey: z.string().min(1).nullable() })),
});

/**
 * How a partner's export becomes responses: where the ward and the date come from, and which
 * columns answer which bank questions, label by label. Saved with the batch as its provenance,
 * and as a template for the next export of the same shape from the same partner source.
 */
export const importMappingSchema = z.object({
  respondentIdColumn: column.nullable(),
  ward: wardSourceSchema,
  date: dateSourceSchema,
  questions: z.array(questionMappingSchema).min(1),
});

export type WardSource = z.infer<typeof wardSourceSchema>;
export type DateSource = z.infer<typeof dateSourceSchema>;
export type QuestionMapping = z.infer<typeof questionMappingSchema>;
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** A mapping while the officer is still choosing: the ward and the date may not be settled yet. */
export const draftMappingSchema = importMappingSchema.extend({
  ward: wardSourceSchema.nullable(),
  date: dateSourceSchema.nullable(),
  questions: z.array(questionMappingSchema),
});
export type DraftMapping = z.infer<typeof draftMappingSchema>;

export function isComplete(draft: DraftMapping): draft is ImportMapping {
  return importMappingSchema.safeParse(draft).success;
}
