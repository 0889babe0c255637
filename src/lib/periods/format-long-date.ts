/** A 'YYYY-MM-DD' date as GOV.UK writes it: "6 May 2027". Read at midday UTC, so no time zone moves the day. */
export function formatLongDate(isoDate: string): string {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
