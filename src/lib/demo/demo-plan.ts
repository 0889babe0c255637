import { integerBetween, normal, type Random } from "./pseudo-random";

// Our reading of which Herefordshire wards make up Hereford city: they get bigger samples, as a
// town with more people and a partnership focus would. Another area simply has no city wards.
const CITY_WARDS = new Set([
  "Aylestone Hill", "Bobblestock", "Central", "College", "Eign Hill", "Greyfriars", "Hinton & Hunderton",
  "Kings Acre", "Newton Farm", "Red Hill", "Saxon Gate", "Tupsley", "Whitecross", "Widemarsh",
]);

// Where the demo plants a real deterioration: the city centre's night-time economy, the ward
// next to it, and a market-town ward whose small samples show why pooling quarters matters.
const PLANTED_WARDS = ["Central", "Widemarsh", "Leominster South"];

// Concern is in standard deviations of a resident's worry about their area (answer-profiles.ts).
// 0.75 moves "feels very or fairly safe after dark" down by about 15 points from the usual level;
// 1.25, about 25. The planted fall must pass the overview's test of a real change, which corrects
// for testing every ward and indicator at once (Benjamini-Hochberg over some 800 changes): a
// newcomer should see the list of wards with a real change working, not an empty one.
const PLANTED_SHIFT = 1.25;
// The partners ran a targeted survey in the planted wards over the last two quarters, as they
// would after a rise in complaints: twice the usual responses, enough to show a change quarterly.
const PLANTED_BOOST = 2;

export type WardPlan = { wardId: number; name: string; isPlanted: boolean; sizes: number[]; concern: number[] };

/**
 * How many made-up residents answer in each ward and quarter, and how worried they are. Wards
 * outside the city get about 15-55 a quarter, so most fall below a suppression threshold of 50
 * and need pooling over four quarters; city wards get about 35-110, mostly enough on their own.
 * (The sizes also keep the default eight quarters near 16,000 responses, a few seconds' load.)
 * Planted wards worsen in the latest quarter, with twice their usual responses in the last two;
 * the rest only wobble.
 */
export function planWards(random: Random, wards: readonly { id: number; name: string }[], quarters: number): WardPlan[] {
  const named = wards.filter((w) => PLANTED_WARDS.includes(w.name)).map((w) => w.id);
  // Without Herefordshire's wards, plant the change in three wards chosen by the seed.
  const planted = new Set(named.length > 0 ? named : [...wards].sort(() => random() - 0.5).slice(0, 3).map((w) => w.id));
  return wards.map((ward) => {
    const isCity = CITY_WARDS.has(ward.name);
    const typical = isCity ? integerBetween(random, 45, 90) : integerBetween(random, 18, 45);
    const base = (isCity ? 0.15 : -0.1) + 0.15 * normal(random);
    const isPlanted = planted.has(ward.id);
    const sizes: number[] = [];
    const concern: number[] = [];
    for (let q = 0; q < quarters; q++) {
      const boost = isPlanted && q >= quarters - 2 ? PLANTED_BOOST : 1;
      sizes.push(Math.max(12, Math.round(boost * typical * (0.8 + 0.4 * random()))));
      const step = isPlanted && q === quarters - 1 ? 1 : 0;
      concern.push(base + PLANTED_SHIFT * step + 0.05 * normal(random));
    }
    return { wardId: ward.id, name: ward.name, isPlanted, sizes, concern };
  });
}
