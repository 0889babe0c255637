import type { PeriodDates } from "~/lib/periods/financial-quarter";
import { ANSWER_PROFILES, chooseAnswer, evenProfile, type AnswerProfile } from "./answer-profiles";
import { DEMO_SOURCES } from "./demo-markers";
import type { WardPlan } from "./demo-plan";
import { normal, pickWeighted, type Random } from "./pseudo-random";

export type AskedQuestion = { key: string; optionKeys: readonly string[]; askedIf: { questionKey: string; optionKey: string } | null };

export type DemoRespondent = {
  wardId: number;
  quarter: number;
  /** An index into DEMO_SOURCES for a partner's imported response; null for the web survey. */
  source: number | null;
  submittedHour: Date;
  answers: { questionKey: string; optionKey: string }[];
};

const HOUR = 3_600_000;

/**
 * Made-up residents for every ward and quarter of the plan: web responses answer every question
 * the survey asks them (car worries only with a car in the household), partner responses answer
 * the questions each partner asked. Pure: the same seed gives the same residents.
 */
export function generateDemoResponses(
  random: Random,
  plans: readonly WardPlan[],
  quarters: readonly PeriodDates[],
  now: Date,
  webQuestions: readonly AskedQuestion[],
  bankOptions: ReadonlyMap<string, readonly string[]>,
): DemoRespondent[] {
  const profiles = new Map<string, AnswerProfile>();
  const profileOf = (key: string, optionKeys: readonly string[]) => {
    let profile = profiles.get(key);
    if (!profile) {
      const known = ANSWER_PROFILES[key];
      const fits = known && [...known.scale, ...(known.offScale ?? [])].every(([option]) => optionKeys.includes(option));
      profile = fits ? known : evenProfile(optionKeys); // an edited bank question: answer it evenly
      profiles.set(key, profile);
    }
    return profile;
  };
  const sourceQuestions = DEMO_SOURCES.map((s) =>
    s.questionKeys.flatMap((key) => { const optionKeys = bankOptions.get(key); return optionKeys ? [{ key, optionKeys }] : []; }),
  );
  const channels: [number | null, number][] = [[null, 1 - DEMO_SOURCES.reduce((sum, s) => sum + s.share, 0)], ...DEMO_SOURCES.map((s, i) => [i, s.share] as [number, number])];

  const respondents: DemoRespondent[] = [];
  for (const plan of plans) {
    for (const [q, quarter] of quarters.entries()) {
      // Noon on the first and last days keeps every hour inside the quarter on UK dates.
      const from = Date.parse(`${quarter.startsOn}T12:00:00Z`);
      const to = Math.min(Date.parse(`${quarter.endsBefore}T00:00:00Z`) - 12 * HOUR, now.getTime());
      for (let n = 0; n < plan.sizes[q]!; n++) {
        const concern = plan.concern[q]! + normal(random);
        const source = pickWeighted(random, channels);
        const answers: DemoRespondent["answers"] = [];
        const given = new Map<string, string>();
        const questions = source === null ? webQuestions : sourceQuestions[source]!;
        for (const question of questions) {
          const askedIf = "askedIf" in question ? question.askedIf : null;
          if (question.optionKeys.length === 0 || (askedIf !== null && given.get(askedIf.questionKey) !== askedIf.optionKey)) continue;
          const optionKey = chooseAnswer(random, profileOf(question.key, question.optionKeys), concern);
          given.set(question.key, optionKey);
          answers.push({ questionKey: question.key, optionKey });
        }
        const moment = to < from ? now.getTime() : from + random() * (to - from);
        respondents.push({ wardId: plan.wardId, quarter: q, source, submittedHour: new Date(Math.floor(moment / HOUR) * HOUR), answers });
      }
    }
  }
  return respondents;
}
