// Outward code (area letters, district digit, then an optional digit or letter) and inward code
// (sector digit, unit letters): the shapes A9, A99, AA9, AA99, A9A and AA9A, each before 9AA.
// The shape is all we check. Whether a postcode exists is the ONS lookup's call, and the letter
// rules of BS 7666 (which letters may stand where) would only turn away real postcodes if we
// copied them wrong.
const POSTCODE_SHAPE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;

/**
 * A postcode as stored and compared: upper case with no spaces ("hr1 1aa", " HR11AA ",
 * "HR1  1AA" all give "HR11AA"), or null when the input does not have the shape of a UK
 * postcode.
 *
 * GIR 0AA (the old Girobank postcode) is refused. It is the one postcode outside the standard
 * shape, and it is not a home address in any partnership's area, so letting it in would only
 * complicate the rule.
 */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, "").toUpperCase();
  return POSTCODE_SHAPE.test(compact) ? compact : null;
}

/**
 * A postcode as people write it, with one space before the inward code: "HR11AA" gives
 * "HR1 1AA". It accepts any spacing. Text that is not a postcode comes back trimmed and
 * otherwise unchanged, so a page can show it next to an error.
 */
export function formatPostcode(postcode: string): string {
  const compact = normalisePostcode(postcode);
  return compact === null ? postcode.trim() : `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}
