import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database, IndicatorCalculation } from "~/lib/db/schema";

const settingsSchema = z.object({
  dontKnowInBase: z.boolean().default(true),
  excludedFromBase: z.array(z.string()).default([]),
  askedOnlyOf: z.object({ questionKey: z.string(), optionKeys: z.array(z.string()) }).optional(),
  threshold: z.number().optional(),
  dontKnowScore: z.number().default(0),
});

export type IndicatorDefinition = {
  id: number;
  key: string;
  title: string;
  calculation: IndicatorCalculation;
  isNational: boolean;
  questionIds: number[];
  countedOptionIds: number[];
  /** Answers that take a resident out of the base ("I never walk alone after dark"; "Don't know" when so set). */
  excludedOptionIds: number[];
  dontKnowOptionIds: number[];
  /**
   * Answers to another question that take a resident out of the base because the indicator's
   * questions are asked only of some residents (car crime: only of a household with a car). A
   * response that did not answer that question stays in: its answers show it was asked.
   */
  askedOnlyOf: { questionId: number; outOfBaseOptionIds: number[] } | null;
  threshold: number | null;
  dontKnowScore: number;
  /** For a score: what each option of its questions adds ("Don't know" adding dontKnowScore); empty otherwise. */
  optionScores: { optionId: number; score: number }[];
};

/** Every indicator with the question and option ids its SQL needs. */
export async function listIndicatorDefinitions(db: Kysely<Database>): Promise<IndicatorDefinition[]> {
  const [indicators, links, counted, options, questions] = await Promise.all([
    db.selectFrom("indicator").selectAll().orderBy("id").execute(),
    db.selectFrom("indicator_question").selectAll().execute(),
    db.selectFrom("indicator_counted_option").selectAll().execute(),
    db.selectFrom("response_option").select(["id", "question_id", "key", "is_dont_know", "score"]).execute(),
    db.selectFrom("question").select(["id", "key"]).execute(),
  ]);
  return indicators.map((indicator) => {
    const settings = settingsSchema.parse(indicator.settings);
    const questionIds = links.filter((l) => l.indicator_id === indicator.id).map((l) => l.question_id);
    const ownOptions = options.filter((o) => questionIds.includes(o.question_id));
    const dontKnowOptionIds = ownOptions.filter((o) => o.is_dont_know).map((o) => o.id);
    const excluded = ownOptions.filter((o) => settings.excludedFromBase.includes(o.key)).map((o) => o.id);
    const scoreBased = indicator.calculation === "score_at_least";
    const filterQuestion = settings.askedOnlyOf && questions.find((q) => q.key === settings.askedOnlyOf!.questionKey);
    return {
      id: indicator.id,
      key: indicator.key,
      title: indicator.title,
      calculation: indicator.calculation,
      isNational: indicator.is_national,
      questionIds,
      countedOptionIds: counted.filter((c) => c.indicator_id === indicator.id).map((c) => c.response_option_id),
      // A scored indicator keeps "Don't know" and scores it; otherwise the setting decides.
      excludedOptionIds: settings.dontKnowInBase || scoreBased ? excluded : [...excluded, ...dontKnowOptionIds],
      dontKnowOptionIds,
      askedOnlyOf: filterQuestion
        ? {
            questionId: filterQuestion.id,
            outOfBaseOptionIds: options.filter((o) => o.question_id === filterQuestion.id && !settings.askedOnlyOf!.optionKeys.includes(o.key)).map((o) => o.id),
          }
        : null,
      threshold: settings.threshold ?? null,
      dontKnowScore: settings.dontKnowScore,
      optionScores: scoreBased
        ? ownOptions.filter((o) => !excluded.includes(o.id)).map((o) => ({ optionId: o.id, score: o.is_dont_know ? settings.dontKnowScore : (o.score ?? 0) }))
        : [],
    };
  });
}
