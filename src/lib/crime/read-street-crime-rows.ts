import { crimeTypeNamed } from "./crime-types";

/**
 * The columns of data.police.uk's street-level crime files, in order (data.police.uk/about,
 * "CSV Columns"). Crime ID is blank for anti-social behaviour; Longitude and Latitude are blank,
 * and Location is "No Location", for a crime the force could not place.
 */
export const STREET_CRIME_COLUMNS = [
  "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
  "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
] as const;

// The columns counting needs; the others may be missing (older files have no Crime ID or LSOA).
const NEEDED = ["Month", "Reported by", "Longitude", "Latitude", "Crime type"] as const;
type Needed = (typeof NEEDED)[number];

/** data.police.uk's first month is December 2010. */
export const FIRST_MONTH = "2010-12";

export type StreetCrimeRow = {
  /** The record's number in its file, the header being row 1. */
  row: number;
  /** 'YYYY-MM'. */
  month: string;
  /** The force that provided the data ("Reported by"). */
  force: string;
  /** The published name, whatever case the file used. */
  crimeType: string;
  location: { longitude: number; latitude: number } | null;
};

export type StreetCrimeProblem =
  | { kind: "MissingColumns"; missing: string[]; found: string[] }
  | { kind: "BadRow"; row: number; column: string; reason: string };

export type StreetCrimeLine = { ok: true; value: StreetCrimeRow } | { ok: false; error: StreetCrimeProblem };

const MONTH = /^(\d{4})-(\d{2})$/;
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * Reads the records of one street-level crime CSV (from readDelimitedRecords) as they arrive.
 * The first non-blank record must name at least the columns counting needs, in any order and
 * case; if not, the one thing yielded is MissingColumns, naming them. Then each record gives a
 * row or a BadRow saying where and why: a Month that is not YYYY-MM from December 2010, a blank
 * "Reported by", a crime type data.police.uk does not publish, or a coordinate that is not a
 * number of degrees, or given without the other. Both coordinates blank is a row without a
 * location, not a problem. Blank records are skipped.
 */
export async function* readStreetCrimeRows(records: AsyncIterable<string[]>): AsyncGenerator<StreetCrimeLine, void, undefined> {
  let rowNumber = 0;
  let columns: Record<Needed, number> | null = null;
  let names: string[] = [];
  // A file has a month or two and a dozen crime types, written the same way on every row.
  const isMonth = new Map<string, boolean>();
  const crimeTypes = new Map<string, string | null>();
  for await (const record of records) {
    rowNumber += 1;
    if (record.every((cell) => cell.trim() === "")) continue;
    if (columns === null) {
      names = record.map((name) => name.replace(/^\uFEFF/, "").trim());
      const folded = names.map((name) => name.toLowerCase().replace(/\s+/g, " "));
      const missing = NEEDED.filter((column) => !folded.includes(column.toLowerCase()));
      if (missing.length > 0) {
        yield { ok: false, error: { kind: "MissingColumns", missing, found: names.filter((name) => name !== "") } };
        return;
      }
      columns = Object.fromEntries(NEEDED.map((column) => [column, folded.indexOf(column.toLowerCase())])) as Record<Needed, number>;
      continue;
    }
    const at = columns;
    const cell = (column: Needed) => (record[at[column]] ?? "").trim();
    const bad = (column: Needed, reason: string): StreetCrimeLine => ({ ok: false, error: { kind: "BadRow", row: rowNumber, column: names[at[column]] ?? column, reason } });

    const month = cell("Month");
    if (!isMonth.has(month)) isMonth.set(month, isPublishedMonth(month));
    if (month === "") { yield bad("Month", "The month is blank"); continue; }
    if (!isMonth.get(month)) {
      yield bad("Month", `"${month}" is not a month written YYYY-MM from ${FIRST_MONTH} on, like 2024-03`);
      continue;
    }
    const force = cell("Reported by");
    if (force === "") { yield bad("Reported by", "The force that reported the crime is blank"); continue; }
    const typeText = cell("Crime type");
    if (!crimeTypes.has(typeText)) crimeTypes.set(typeText, crimeTypeNamed(typeText));
    const crimeType = crimeTypes.get(typeText)!;
    if (crimeType === null) {
      yield bad("Crime type", typeText === "" ? "The crime type is blank" : `"${typeText}" is not one of the crime types data.police.uk publishes`);
      continue;
    }
    const location = readLocation(cell("Longitude"), cell("Latitude"));
    if (typeof location === "string") { yield bad(location.startsWith("The latitude") ? "Latitude" : "Longitude", location); continue; }
    yield { ok: true, value: { row: rowNumber, month, force, crimeType, location } };
  }
}

function isPublishedMonth(text: string): boolean {
  const match = MONTH.exec(text);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12 && text >= FIRST_MONTH;
}

function readLocation(longitudeText: string, latitudeText: string): { longitude: number; latitude: number } | null | string {
  if (longitudeText === "" && latitudeText === "") return null;
  if (longitudeText === "") return "The longitude is blank but the latitude is not";
  if (latitudeText === "") return "The latitude is blank but the longitude is not";
  if (!DECIMAL.test(longitudeText)) return `The longitude "${longitudeText}" is not a number`;
  if (!DECIMAL.test(latitudeText)) return `The latitude "${latitudeText}" is not a number`;
  const longitude = Number(longitudeText);
  const latitude = Number(latitudeText);
  if (Math.abs(longitude) > 180) return `The longitude ${longitudeText} is not between -180 and 180 degrees`;
  if (Math.abs(latitude) > 90) return `The latitude ${latitudeText} is not between -90 and 90 degrees`;
  return { longitude, latitude };
}
