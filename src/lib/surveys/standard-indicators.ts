import type { IndicatorCalculation } from "~/lib/db/schema";
import { ASB_STRANDS, ASB_STRAND_KEYS } from "./question-bank";

/**
 * Per-indicator choices about the base. DOMAIN.md marks the defaults [to confirm], so each is a
 * setting the methods note reports, not a constant in the report code.
 */
export type IndicatorSettings = {
  /** DOMAIN.md default: "Don't know" stays in the base and is shown as its own percentage. */
  dontKnowInBase: boolean;
  /** Option keys whose residents leave the base, e.g. "I never walk alone after dark". */
  excludedFromBase?: readonly string[];
  /** Only residents who gave one of these answers to a filter question are in the base. */
  askedOnlyOf?: { questionKey: string; optionKeys: readonly string[] };
};

type IndicatorCommon = {
  key: string;
  title: string;
  isNational: true;
  questionKeys: readonly string[];
  /** The answers that count as "yes", looked up in every question of `questionKeys`. */
  countedOptionKeys: readonly string[];
};

export type StandardIndicator =
  | (IndicatorCommon & { calculation: Exclude<IndicatorCalculation, "score_at_least">; settings: IndicatorSettings })
  | (IndicatorCommon & {
      calculation: "score_at_least";
      /** A resident must answer every question; `dontKnowScore` is what a "Don't know" adds. */
      settings: IndicatorSettings & { threshold: number; dontKnowScore: number };
    });

const defaults = { dontKnowInBase: true } as const satisfies IndicatorSettings;

export const STANDARD_INDICATORS: readonly StandardIndicator[] = [
  {
    key: "feel_safe_after_dark",
    title: "% who feel safe after dark",
    calculation: "share_of_options",
    isNational: true,
    questionKeys: ["safe_after_dark"],
    countedOptionKeys: ["very_safe", "fairly_safe"],
    settings: { ...defaults, excludedFromBase: ["never_walk_alone"] },
  },
  {
    key: "police_council_dealing_agree",
    title: "% agreeing police and council deal with what matters",
    calculation: "share_of_options",
    isNational: true,
    questionKeys: ["police_council_dealing"],
    countedOptionKeys: ["strongly_agree", "tend_to_agree"],
    settings: defaults,
  },
  {
    key: "police_excellent_or_good",
    title: "% rating local police excellent or good",
    calculation: "share_of_options",
    isNational: true,
    questionKeys: ["police_good_job"],
    countedOptionKeys: ["excellent", "good"],
    settings: defaults,
  },
  {
    // ONS User Guide to Crime Statistics: high perceived ASB is a score of 11 or more out of 21.
    key: "high_perceived_asb",
    title: "% with a high level of perceived anti-social behaviour",
    calculation: "score_at_least",
    isNational: true,
    questionKeys: ASB_STRAND_KEYS,
    countedOptionKeys: [],
    settings: { ...defaults, threshold: 11, dontKnowScore: 0 },
  },
  {
    key: "very_worried_burglary",
    title: "% very worried about burglary",
    calculation: "share_of_options",
    isNational: true,
    questionKeys: ["worry_burglary"],
    countedOptionKeys: ["very_worried"],
    settings: defaults,
  },
  {
    key: "very_worried_car_crime",
    title: "% very worried about car crime",
    calculation: "any_question_option",
    isNational: true,
    questionKeys: ["worry_car_stolen", "worry_from_car"],
    countedOptionKeys: ["very_worried"],
    settings: { ...defaults, askedOnlyOf: { questionKey: "has_household_car", optionKeys: ["yes"] } },
  },
  {
    key: "very_worried_violent_crime",
    title: "% very worried about violent crime",
    calculation: "any_question_option",
    isNational: true,
    questionKeys: ["worry_mugged", "worry_attacked_strangers", "worry_attacked_identity"],
    countedOptionKeys: ["very_worried"],
    settings: defaults,
  },
  {
    key: "think_local_crime_risen",
    title: "% who think local crime has risen",
    calculation: "share_of_options",
    isNational: true,
    questionKeys: ["crime_change_local"],
    countedOptionKeys: ["a_lot_more", "a_little_more"],
    settings: defaults,
  },
  {
    key: "experienced_or_witnessed_asb",
    title: "% who experienced or witnessed anti-social behaviour",
    calculation: "share_of_options",
    isNational: true,
    questionKeys: ["asb_experienced"],
    countedOptionKeys: ["yes"],
    settings: defaults,
  },
  ...ASB_STRANDS.map(
    ({ key: questionKey, strand }): StandardIndicator => ({
      key: `${questionKey}_big_problem`,
      title: `${strand.charAt(0).toUpperCase()}${strand.slice(1)}: % saying a very or fairly big problem`,
      calculation: "share_of_options",
      isNational: true,
      questionKeys: [questionKey],
      countedOptionKeys: ["very_big_problem", "fairly_big_problem"],
      settings: defaults,
    }),
  ),
];
