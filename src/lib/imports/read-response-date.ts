import type { DateOrder } from "./profile-export";

/** A response's date as reports use it: the UK calendar date and the hour (an instant, on the hour). */
export type ResponseDate = { date: string; hour: Date };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;
const YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads a date as partner tools write them: ISO 8601 (Qualtrics, and the XLSX reader's output),
 * day/month/year or month/day/year as the officer says the column is written (SurveyMonkey
 * writes month first; Google Forms in a UK locale writes day first), and year/month/day. A time
 * without a zone is UK local time, as the tool showed it to the partner. Null when the value is
 * not a date this can read, or not a real one (31/02/2025).
 */
export function readResponseDate(value: string, order: DateOrder): ResponseDate | null {
  const text = value.trim();
  let parts: { y: number; m: number; d: number; h: number; zone?: string } | null = null;
  let match = ISO.exec(text);
  if (match) parts = { y: +match[1]!, m: +match[2]!, d: +match[3]!, h: +(match[4] ?? 0), zone: match[7] };
  else if ((match = YEAR_FIRST.exec(text))) parts = { y: +match[1]!, m: +match[2]!, d: +match[3]!, h: +(match[4] ?? 0) };
  else if ((match = SLASHED.exec(text))) {
    const [first, second] = [+match[1]!, +match[2]!];
    const year = match[3]!.length === 2 ? 2000 + +match[3]! : +match[3]!;
    let hour = +(match[4] ?? 0);
    const meridiem = match[7]?.toLowerCase();
    if (meridiem !== undefined && (hour < 1 || hour > 12)) return null;
    if (meridiem === "pm" && hour < 12) hour += 12;
    if (meridiem === "am" && hour === 12) hour = 0;
    parts = order === "day_first" ? { y: year, m: second, d: first, h: hour } : { y: year, m: first, d: second, h: hour };
  }
  if (parts === null || !isRealDate(parts.y, parts.m, parts.d) || parts.h > 23) return null;
  if (parts.zone !== undefined) {
    const offsetMinutes = parts.zone.toUpperCase() === "Z" ? 0 : zoneMinutes(parts.zone);
    const instant = new Date(Date.UTC(parts.y, parts.m - 1, parts.d, parts.h) - offsetMinutes * 60_000);
    return { date: instant.toLocaleDateString("en-CA", { timeZone: "Europe/London" }), hour: onTheHour(instant) };
  }
  return { date: `${parts.y}-${pad(parts.m)}-${pad(parts.d)}`, hour: londonWallClock(parts.y, parts.m, parts.d, parts.h) };
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

// London's offset from UTC by date and hour, worked out once each: Intl formatting costs about
// 100 microseconds a call, which would dominate reading a million rows.
const offsets = new Map<number, number>();

// The instant at which UK clocks showed this date and hour: UTC less London's offset then.
function londonWallClock(y: number, m: number, d: number, h: number): Date {
  const guess = Date.UTC(y, m - 1, d, h);
  const known = offsets.get(guess);
  if (known !== undefined) return new Date(guess - known);
  if (offsets.size > 100_000) offsets.clear();
  const shown = new Date(guess).toLocaleString("en-GB", { timeZone: "Europe/London", hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit" });
  const [, dd, mm, yyyy, hh] = /^(\d{2})\/(\d{2})\/(\d{4}),? (\d{2})/.exec(shown) ?? [];
  const offset = Date.UTC(+yyyy!, +mm! - 1, +dd!, +hh! % 24) - guess;
  offsets.set(guess, offset);
  return new Date(guess - offset);
}

function onTheHour(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 3_600_000) * 3_600_000);
}

const pad = (n: number) => String(n).padStart(2, "0");
