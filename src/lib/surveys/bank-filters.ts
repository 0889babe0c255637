/**
 * Questions the CSEW asks only of some residents (DOMAIN.md: car crime only of people in a
 * household with a car). Any survey that includes both asks the second only after the first.
 */
export const BANK_FILTERS: Readonly<Record<string, { questionKey: string; optionKey: string }>> = {
  worry_car_stolen: { questionKey: "has_household_car", optionKey: "yes" },
  worry_from_car: { questionKey: "has_household_car", optionKey: "yes" },
};
