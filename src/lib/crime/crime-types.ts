/**
 * The crime types data.police.uk writes in the "Crime type" column of its street-level files,
 * spelt as it spells them (Police.uk "What do the crime categories mean?"; data.police.uk/about,
 * "CSV Columns"). Anti-social behaviour is in the same files but is not a crime: it is counted
 * apart, and "recorded crime" in this product means every other type.
 */
export const ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour";

export const CRIME_TYPES = [
  ANTI_SOCIAL_BEHAVIOUR,
  "Bicycle theft",
  "Burglary",
  "Criminal damage and arson",
  "Drugs",
  "Other crime",
  "Other theft",
  "Possession of weapons",
  "Public order",
  "Robbery",
  "Shoplifting",
  "Theft from the person",
  "Vehicle crime",
  "Violence and sexual offences",
] as const;

// Used in files before May 2013, when police.uk split them into the types above; accepted so
// that older months can be loaded, and kept under their own names rather than guessed across.
export const RETIRED_CRIME_TYPES = ["Public disorder and weapons", "Violent crime"] as const;

const byFoldedName = new Map([...CRIME_TYPES, ...RETIRED_CRIME_TYPES].map((type) => [fold(type), type]));

/** The published name of a crime type written with any case or spacing; null when it is none. */
export function crimeTypeNamed(text: string): string | null {
  return byFoldedName.get(fold(text)) ?? null;
}

export const isAntiSocialBehaviour = (crimeType: string) => crimeType === ANTI_SOCIAL_BEHAVIOUR;

function fold(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}
