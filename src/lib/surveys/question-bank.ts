/**
 * The standard questions shipped with Neighbourhood Pulse, as data. Wording and scales are those
 * of shared/DOMAIN.md ("Question bank: the standard questions"), which follows the Crime Survey
 * for England and Wales (CSEW) and the GSS harmonised crime and fear of crime questions. Before a
 * release, check them against the current CSEW questionnaire (ONS CSEW technical report, volume 2)
 * and record the edition used: local figures are only comparable while the wording is identical.
 *
 * Welsh (`textCy`, `labelCy`) is filled in only where a published Welsh wording of the same
 * question exists; everything else is null on purpose, never machine-translated. No published
 * Welsh wording of the CSEW questions was found, so only "About you" has any.
 */

export type AnswerType = "single" | "multiple";

export type BankOption = {
  /** Stable snake_case key: imports, answers and indicators refer to this, never to the label. */
  key: string;
  label: string;
  labelCy: string | null;
  score: number | null;
  isDontKnow: boolean;
  isPreferNotToSay: boolean;
};

export type BankQuestion = {
  key: string;
  text: string;
  textCy: string | null;
  hint: string | null;
  hintCy: string | null;
  topic: string;
  answerType: AnswerType;
  /** Worded as in the CSEW, so a local figure can be set beside the national one. */
  isNational: boolean;
  isAboutYou: boolean;
  options: readonly BankOption[];
};

type OptionExtras = { score?: number; labelCy?: string };

function option(key: string, label: string, extras: OptionExtras = {}): BankOption {
  return { key, label, labelCy: extras.labelCy ?? null, score: extras.score ?? null, isDontKnow: false, isPreferNotToSay: false };
}

// DOMAIN.md: every scale also offers "Don't know"; "about you" questions offer "Prefer not to say".
const dontKnow: BankOption = { ...option("dont_know", "Don't know"), isDontKnow: true };
const preferNotToSay: BankOption = { ...option("prefer_not_to_say", "Prefer not to say"), isPreferNotToSay: true };

function national(key: string, topic: string, text: string, options: BankOption[]): BankQuestion {
  return { key, text, textCy: null, hint: null, hintCy: null, topic, answerType: "single", isNational: true, isAboutYou: false, options: [...options, dontKnow] };
}

function aboutYou(key: string, text: string, options: BankOption[], extras: { textCy?: string; hint?: string } = {}): BankQuestion {
  return {
    key, text, textCy: extras.textCy ?? null, hint: extras.hint ?? null, hintCy: null,
    topic: "About you", answerType: "single", isNational: false, isAboutYou: true, options: [...options, preferNotToSay],
  };
}

const safetyScale = [
  option("very_safe", "Very safe"),
  option("fairly_safe", "Fairly safe"),
  option("a_bit_unsafe", "A bit unsafe"),
  option("very_unsafe", "Very unsafe"),
  option("never_walk_alone", "I never walk alone after dark"),
];

const agreementScale = [
  option("strongly_agree", "Strongly agree"),
  option("tend_to_agree", "Tend to agree"),
  option("neither_agree_nor_disagree", "Neither agree nor disagree"),
  option("tend_to_disagree", "Tend to disagree"),
  option("strongly_disagree", "Strongly disagree"),
];

const policeRatingScale = [
  option("excellent", "Excellent"),
  option("good", "Good"),
  option("fair", "Fair"),
  option("poor", "Poor"),
  option("very_poor", "Very poor"),
];

// ONS User Guide to Crime Statistics: each strand scores 3/2/1/0 and the seven sum to 0-21.
// "Don't know" carries no score here: how it counts is the indicator's setting (dontKnowScore).
const problemScale = [
  option("very_big_problem", "Very big problem", { score: 3 }),
  option("fairly_big_problem", "Fairly big problem", { score: 2 }),
  option("not_a_very_big_problem", "Not a very big problem", { score: 1 }),
  option("not_a_problem_at_all", "Not a problem at all", { score: 0 }),
];

const worryScale = [
  option("very_worried", "Very worried"),
  option("fairly_worried", "Fairly worried"),
  option("not_very_worried", "Not very worried"),
  option("not_at_all_worried", "Not at all worried"),
];

const changeScale = [
  option("a_lot_more", "A lot more"),
  option("a_little_more", "A little more"),
  option("about_the_same", "About the same"),
  option("a_little_less", "A little less"),
  option("a_lot_less", "A lot less"),
];

const yesNo = [option("yes", "Yes"), option("no", "No")];

// The CSEW asks the seven strands as one stem over a list; the stem is kept word for word on every
// strand (even where "are" reads oddly) because a "same" comparability grade needs identical wording.
const asbStem = "Thinking about your local area, how much of a problem are";
const asbStrand = (key: string, strand: string) => national(key, "Anti-social behaviour", `${asbStem} ${strand}?`, problemScale);

const worryStem = "How worried are you about";
const worry = (key: string, about: string) => national(key, "Worry about crime", `${worryStem} ${about}?`, worryScale);

export const ASB_STRANDS = [
  { key: "asb_noisy_neighbours", strand: "noisy neighbours or loud parties" },
  { key: "asb_teenagers_hanging_around", strand: "teenagers hanging around on the streets" },
  { key: "asb_rubbish_litter", strand: "rubbish or litter lying around" },
  { key: "asb_vandalism_graffiti", strand: "vandalism, graffiti and other deliberate damage to property or vehicles" },
  { key: "asb_drug_use_dealing", strand: "people using or dealing drugs" },
  { key: "asb_drunk_rowdy", strand: "people being drunk or rowdy in public places" },
  { key: "asb_abandoned_cars", strand: "abandoned or burnt-out cars" },
] as const;

export const ASB_STRAND_KEYS = ASB_STRANDS.map((s) => s.key);

export const STANDARD_QUESTIONS: readonly BankQuestion[] = [
  national("safe_after_dark", "Feeling safe", "How safe do you feel walking alone in this area after dark?", safetyScale),
  national(
    "police_council_dealing",
    "Police and council",
    "How much would you agree or disagree that the police and local council are dealing with the anti-social behaviour and crime issues that matter in this area?",
    agreementScale,
  ),
  national("police_good_job", "Police and council", "Taking everything into account, how good a job do you think the police in this area are doing?", policeRatingScale),
  ...ASB_STRANDS.map((s) => asbStrand(s.key, s.strand)),
  worry("worry_burglary", "having your home broken into and something stolen"),
  // Our own filter, not a CSEW item: DOMAIN.md says car-crime worry is asked only of people in a
  // household with a car, so a survey routes on this and the car indicator's base uses it
  // (settings.askedOnlyOf). The concept (cars or vans owned by, or available to, the household)
  // follows the Census 2021 question H14. Yes/No only: it is a routing question, not a scale.
  {
    key: "has_household_car",
    text: "Does anyone in your household own, or have the use of, a car or van?",
    textCy: null, hint: null, hintCy: null, topic: "Worry about crime", answerType: "single",
    isNational: false, isAboutYou: false, options: yesNo,
  },
  worry("worry_car_stolen", "having your car stolen"),
  worry("worry_from_car", "having things stolen from your car"),
  worry("worry_mugged", "being mugged and robbed"),
  worry("worry_attacked_strangers", "being physically attacked by strangers"),
  worry("worry_attacked_identity", "being subject to a physical attack because of your skin colour, ethnic origin or religion"),
  national(
    "crime_change_local",
    "Crime in your area",
    "Thinking about crime in general, do you think that crime in your local area has changed over the past few years?",
    changeScale,
  ),
  national(
    "asb_experienced",
    "Anti-social behaviour",
    "In the last 12 months, have you personally experienced or witnessed any anti-social behaviour in your local area?",
    yesNo,
  ),

  // "About you": optional, for weighting to ONS population estimates and for breakdowns.
  // Bands match DOMAIN.md; under-16s are not surveyed, so there is no younger band.
  aboutYou("age_band", "What is your age?", [
    option("age_16_24", "16 to 24"),
    option("age_25_34", "25 to 34"),
    option("age_35_44", "35 to 44"),
    option("age_45_54", "45 to 54"),
    option("age_55_64", "55 to 64"),
    option("age_65_74", "65 to 74"),
    option("age_75_plus", "75 or over"),
  ]),
  // GSS "Sex and gender harmonisation guidance" (analysisfunction.civilservice.gov.uk/policy-store/
  // sex-and-gender/, 2019, under review since the ONS blog of 11 December 2024): the censuses ask
  // "What is your sex?", Female, Male. Welsh as on the Census 2021 Wales form (cyfrifiad.gov.uk,
  // help for paper question 3). Re-check before release: the standard is being redeveloped.
  aboutYou("sex", "What is your sex?", [
    option("female", "Female", { labelCy: "Benyw" }),
    option("male", "Male", { labelCy: "Gwryw" }),
  ], { textCy: "Beth yw eich rhyw?" }),
  // Simplified: one question in place of the GSS pair "Long lasting health conditions and illness"
  // (gss.civilservice.gov.uk/policy-store/long-lasting-health-conditions-and-illness/) and
  // "Activity restriction" (.../policy-store/activity-restriction/), so no routing is needed. The
  // question is the first standard's wording; the answers fold in the second's ("Yes, a lot",
  // "Yes, a little", "Not at all"), giving the four categories of the Census 2021 "disability"
  // variable: disabled under the Equality Act 2010 = the first two. Welsh question text as in
  // Census 2021 (cy.ons.gov.uk, Census 2021 dictionary, "disability"); the folded answers have no
  // published Welsh, except "No" (Census: "Nac oes").
  aboutYou("disability", "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?", [
    option("yes_reduced_a_lot", "Yes, and it reduces my ability to carry out day-to-day activities a lot"),
    option("yes_reduced_a_little", "Yes, and it reduces my ability to carry out day-to-day activities a little"),
    option("yes_not_reduced", "Yes, but it does not reduce my ability to carry out day-to-day activities"),
    option("no", "No", { labelCy: "Nac oes" }),
  ], { textCy: "Oes gennych chi gyflwr neu salwch corfforol neu feddyliol sydd wedi para neu sy’n debygol o bara 12 mis neu fwy?" }),
  // GSS ethnicity harmonised standard, England (analysisfunction.civilservice.gov.uk/policy-store/
  // ethnicity-harmonised-standard/), high-level categories as in Census 2021 and GOV.UK "Annex C:
  // Government Statistical Service harmonised categories for ethnicity" (18 March 2025). A ward
  // sample is too small for the 19 detailed groups, so only the five headings are offered. Welsh
  // as on the Census 2021 Wales form (cyfrifiad.gov.uk, paper question 15; ONS Census 2021
  // dictionary, "ethnic_group"); the Wales form adds "Welsh" to two headings (Asiaidd Cymreig, Du
  // Cymreig), as the standard's guidance for Wales does, and a Welsh-language respondent is in Wales.
  aboutYou("ethnic_group", "What is your ethnic group?", [
    option("white", "White", { labelCy: "Gwyn" }),
    option("mixed_multiple", "Mixed or Multiple ethnic groups", { labelCy: "Grwpiau Cymysg neu Amlethnig" }),
    option("asian_asian_british", "Asian or Asian British", { labelCy: "Asiaidd, Asiaidd Cymreig neu Asiaidd Prydeinig" }),
    option("black_black_british_caribbean_african", "Black, Black British, Caribbean or African", {
      labelCy: "Du, Du Cymreig, Du Prydeinig, Caribïaidd neu Affricanaidd",
    }),
    option("other_ethnic_group", "Other ethnic group", { labelCy: "Grŵp ethnig arall" }),
  ], { textCy: "Beth yw eich grŵp ethnig?", hint: "Choose one option that best describes your ethnic group or background" }),
];
