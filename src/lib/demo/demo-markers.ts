/**
 * What marks the synthetic demo data, so that it can be told apart from residents' real answers
 * and removed without touching anything else. survey_response has no free label column, so demo
 * web responses belong to a survey of their own, which is closed and so never open to residents;
 * demo imports belong to partner sources named exactly as below, and demo recorded crime to a
 * force named so.
 */
export const DEMO_SURVEY_SLUG = "demo-feeling-safe";
export const DEMO_SURVEY_TITLE = "Demo data: Feeling safe in your neighbourhood";
export const DEMO_NOTICE = "This is synthetic demo data, not real residents' answers.";
/** The force the demo's made-up recorded crime is loaded for: no real force has this name. */
export const DEMO_FORCE = "Demo: synthetic police force";

export type DemoSource = {
  name: string;
  agency: "police" | "council";
  tool: "SurveyMonkey" | "Microsoft Forms";
  fileStem: string;
  /** The share of each ward's responses that came through this partner. */
  share: number;
  /** The bank questions this partner's own survey asked. */
  questionKeys: readonly string[];
  /** Questions the partner worded differently but with the same scale meaning (DOMAIN.md). */
  equivalentKeys: readonly string[];
  /** The tool's own respondent id: SurveyMonkey's are long numbers, Microsoft Forms counts from 1. */
  respondentId: (n: number) => string;
};

const ASB_KEYS = [
  "asb_noisy_neighbours", "asb_teenagers_hanging_around", "asb_rubbish_litter", "asb_vandalism_graffiti",
  "asb_drug_use_dealing", "asb_drunk_rowdy", "asb_abandoned_cars",
] as const;

export const DEMO_SOURCES: readonly DemoSource[] = [
  {
    name: "Demo: West Mercia Police (SurveyMonkey)",
    agency: "police",
    tool: "SurveyMonkey",
    fileStem: "demo-west-mercia-police",
    share: 0.3,
    questionKeys: ["safe_after_dark", "police_good_job", "police_council_dealing", ...ASB_KEYS, "asb_experienced", "age_band", "sex"],
    equivalentKeys: [],
    respondentId: (n) => String(114_203_000_000 + n * 7),
  },
  {
    name: "Demo: Herefordshire Council (Microsoft Forms)",
    agency: "council",
    tool: "Microsoft Forms",
    fileStem: "demo-herefordshire-council",
    share: 0.2,
    // The council asked "How safe do you feel outside in your area after dark?": the same scale
    // with other words, so its answers are graded equivalent, reported with the standard series
    // and flagged.
    questionKeys: ["safe_after_dark", ...ASB_KEYS, "crime_change_local", "worry_burglary", "age_band", "sex"],
    equivalentKeys: ["safe_after_dark"],
    respondentId: (n) => String(n),
  },
];

export const DEMO_SOURCE_NAMES = DEMO_SOURCES.map((s) => s.name);
