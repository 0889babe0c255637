import { pickWeighted, type Random } from "./pseudo-random";

/**
 * How a made-up resident answers one question. `scale` runs from least to most concern, in
 * percentages of those answering on the scale; `offScale` options ("Don't know", "I never walk
 * alone after dark", "Prefer not to say") are percentages of everyone asked. `concern` is how
 * strongly the resident's worry about their area moves the answer (a proportional-odds slope,
 * in logits per standard deviation), which also ties a resident's answers together: someone who
 * sees drug dealing as a big problem tends to see litter as one too, as real residents do.
 */
export type AnswerProfile = {
  scale: readonly (readonly [string, number])[];
  offScale?: readonly (readonly [string, number])[];
  concern: number;
};

// ILLUSTRATIVE LEVELS ONLY, loosely in the range of recent Crime Survey for England and Wales
// results (about 70-75% feel very or fairly safe after dark; about 30-40% rate the local police
// excellent or good; a minority see each ASB strand as a big problem). They are not published
// figures and must never be quoted as such: the whole data set is synthetic.
const worry = (very: number, fairly: number, notVery: number, notAtAll: number): AnswerProfile => ({
  scale: [["not_at_all_worried", notAtAll], ["not_very_worried", notVery], ["fairly_worried", fairly], ["very_worried", very]],
  offScale: [["dont_know", 1]],
  concern: 0.9,
});
const problem = (veryBig: number, fairlyBig: number, notVeryBig: number, notAtAll: number): AnswerProfile => ({
  scale: [["not_a_problem_at_all", notAtAll], ["not_a_very_big_problem", notVeryBig], ["fairly_big_problem", fairlyBig], ["very_big_problem", veryBig]],
  offScale: [["dont_know", 3]],
  concern: 1.2,
});

export const ANSWER_PROFILES: Readonly<Record<string, AnswerProfile>> = {
  safe_after_dark: {
    scale: [["very_safe", 34], ["fairly_safe", 44], ["a_bit_unsafe", 15], ["very_unsafe", 7]],
    offScale: [["never_walk_alone", 8], ["dont_know", 1]],
    concern: 1.2,
  },
  crime_change_local: {
    scale: [["a_lot_less", 2], ["a_little_less", 6], ["about_the_same", 55], ["a_little_more", 24], ["a_lot_more", 13]],
    offScale: [["dont_know", 11]],
    concern: 1.0,
  },
  asb_noisy_neighbours: problem(3, 7, 30, 60),
  asb_teenagers_hanging_around: problem(5, 13, 38, 44),
  asb_rubbish_litter: problem(10, 22, 40, 28),
  asb_vandalism_graffiti: problem(4, 11, 40, 45),
  asb_drug_use_dealing: problem(9, 18, 35, 38),
  asb_drunk_rowdy: problem(4, 10, 37, 49),
  asb_abandoned_cars: problem(1, 2, 17, 80),
  asb_experienced: { scale: [["no", 63], ["yes", 37]], concern: 1.0 },
  worry_burglary: worry(10, 25, 45, 20),
  worry_mugged: worry(6, 17, 47, 30),
  worry_attacked_strangers: worry(7, 18, 45, 30),
  worry_attacked_identity: worry(3, 6, 30, 61),
  worry_car_stolen: worry(7, 20, 48, 25),
  worry_from_car: worry(7, 22, 46, 25),
  // Herefordshire is largely rural: most households have a car (Census 2021 H14 is the concept).
  has_household_car: { scale: [["yes", 84], ["no", 16]], concern: 0 },
  police_council_dealing: {
    scale: [["strongly_agree", 9], ["tend_to_agree", 43], ["neither_agree_nor_disagree", 26], ["tend_to_disagree", 14], ["strongly_disagree", 8]],
    offScale: [["dont_know", 8]],
    concern: 0.8,
  },
  police_good_job: {
    scale: [["excellent", 8], ["good", 30], ["fair", 38], ["poor", 15], ["very_poor", 9]],
    offScale: [["dont_know", 9]],
    concern: 0.8,
  },
  // About you: an online survey's respondents skew older and female; some prefer not to say.
  age_band: {
    scale: [["age_16_24", 5], ["age_25_34", 10], ["age_35_44", 14], ["age_45_54", 17], ["age_55_64", 21], ["age_65_74", 21], ["age_75_plus", 12]],
    offScale: [["prefer_not_to_say", 4]],
    concern: 0,
  },
  sex: { scale: [["female", 56], ["male", 44]], offScale: [["prefer_not_to_say", 4]], concern: 0 },
  disability: {
    scale: [["no", 66], ["yes_not_reduced", 11], ["yes_reduced_a_little", 15], ["yes_reduced_a_lot", 8]],
    offScale: [["prefer_not_to_say", 6]],
    concern: 0,
  },
  ethnic_group: {
    scale: [["white", 95], ["mixed_multiple", 1.5], ["asian_asian_british", 1.5], ["black_black_british_caribbean_african", 0.8], ["other_ethnic_group", 1.2]],
    offScale: [["prefer_not_to_say", 3]],
    concern: 0,
  },
};

/** A question the demo has no profile for (an administrator's own): its options equally often. */
export const evenProfile = (optionKeys: readonly string[]): AnswerProfile => ({ scale: optionKeys.map((key) => [key, 1] as const), concern: 0 });

/** An option key for a resident whose concern about their area is `concern` standard deviations. */
export function chooseAnswer(random: Random, profile: AnswerProfile, concern: number): string {
  const offScale = profile.offScale ?? [];
  const offShare = offScale.reduce((sum, [, weight]) => sum + weight, 0) / 100;
  if (offScale.length > 0 && random() < offShare) return pickWeighted(random, offScale);
  const total = profile.scale.reduce((sum, [, weight]) => sum + weight, 0);
  const u = random();
  let cumulative = 0;
  for (const [key, weight] of profile.scale.slice(0, -1)) {
    cumulative += weight / total;
    // Proportional odds: every cumulative logit moves by the same amount, towards concern.
    const shifted = 1 / (1 + Math.exp(-(Math.log(cumulative / (1 - cumulative)) - profile.concern * concern)));
    if (u < shifted) return key;
  }
  return profile.scale[profile.scale.length - 1]![0];
}
