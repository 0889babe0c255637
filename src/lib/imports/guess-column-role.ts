/**
 * What a column of a partner's export holds, as far as the importer is concerned:
 * - respondent_id: the partner's own id for a response (kept, to skip re-imported rows);
 * - timestamp: when the tool recorded the response as completed (the default response date);
 * - date: any other date or time (a start time, a date typed in): the officer may choose it;
 * - ward_code, ward_name, postcode: ways to find the ward (the postcode is used for the lookup
 *   and never stored, as shared/DOMAIN.md requires);
 * - personal_data: dropped at the door, never stored, and listed to the officer as dropped;
 * - metadata: the tool's bookkeeping (status, progress, duration...), ignored;
 * - question: an answer column, to map onto the question bank or leave out.
 */
export type ColumnRole =
  | "respondent_id"
  | "timestamp"
  | "personal_data"
  | "question"
  | "metadata"
  | "ward_code"
  | "ward_name"
  | "postcode"
  | "date";

// Titles are short labels in a tool's own columns ("Email", "Start time"); a question is longer
// or asks something. Personal data and dates are only looked for in short titles (or where the
// title asks for "your" name, email...), so that "Have you had your mobile phone stolen?" stays a
// question. The ward and the postcode are looked for everywhere: "Which ward do you live in?".
const SHORT_TITLE_WORDS = 6;

const WARD_CODE = /\bward\b.*\b(code|gss|id)\b|\bwd\d\d\s?cd\b|\bgss code\b|\bons code\b/;
const WARD = /\bwards?\b/;
const POSTCODE = /\bpost ?codes?\b|\bpostal codes?\b/;
// Email, IP address, names, phone numbers, free-text addresses, dates of birth, coordinates.
const PERSONAL = [
  /\be ?mail\b/,
  /\bip\b|\bip address\b|\bipaddress\b/,
  /\b(first|last|full|given|family|middle|sur|fore|user)? ?names?\b|\bsurname\b|\bforename\b|\binitials\b/,
  /\b(tele)?phone\b|\bmobile\b|\btel\b|\bcontact number\b/,
  /\baddress\b|\bstreet\b|\bhouse (number|name)\b/,
  /\bdate of birth\b|\bdob\b|\bbirthday\b/,
  /\blat(itude)?\b|\blong(itude)?\b|\blng\b|\blon\b|\bcoordinates\b|\bgeo ?location\b|\blocation\b/,
];
// Asking for it: "What is your name?", "Please give your email address if...", "Your postcode".
const YOUR_PERSONAL = /(^|\b(what is|whats|what s|give|enter|provide|leave|tell us|add)) your (full |first |last |home )?(name|e ?mail|address|phone|telephone|mobile|date of birth|contact details)\b/;
const RESPONDENT_ID = /^((respondent|response|submission|record|participant|unique|survey) )?(id|no|number|ref|reference)$|^(respondent|response)id$|^respondent$/;
const TIMESTAMP = /^(timestamp|time stamp|completion time|completed|completed at|date completed|date submitted|submitted|submitted at|submitted on|submission date|submission time|end date|ended)$/;
const DATE = /\b(date|time|started|ended|day|month|year|when)\b/;
const METADATA = /\b(status|progress|duration|channel|language|source|collector|device|browser|user agent|referr?er|score|points|feedback|version|weight|finished|complete)\b/;

/** Simplified for matching: lower case, letters and digits only, single spaces. */
export function simplifyTitle(title: string): string {
  return title.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/**
 * The role a column's title suggests, from its wording alone. A guess for the officer to
 * confirm: layouts the importer recognises override it for their own columns.
 */
export function guessColumnRole(title: string): ColumnRole {
  const simple = simplifyTitle(title);
  if (simple === "") return "metadata";
  const isShort = simple.split(" ").length <= SHORT_TITLE_WORDS && !title.includes("?");
  if (WARD_CODE.test(simple)) return "ward_code";
  if (WARD.test(simple)) return "ward_name";
  if (POSTCODE.test(simple)) return "postcode";
  if ((isShort && PERSONAL.some((pattern) => pattern.test(simple))) || YOUR_PERSONAL.test(simple)) return "personal_data";
  if (!isShort) return "question";
  if (RESPONDENT_ID.test(simple)) return "respondent_id";
  if (TIMESTAMP.test(simple)) return "timestamp";
  if (DATE.test(simple)) return "date";
  if (METADATA.test(simple)) return "metadata";
  return "question";
}
