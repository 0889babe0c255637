import { simplifyTitle, type ColumnRole } from "./guess-column-role";

export type PartnerTool =
  | "SurveyMonkey"
  | "Microsoft Forms"
  | "Google Forms"
  | "SmartSurvey"
  | "Qualtrics"
  | "Citizen Space"
  | "Generic CSV";

export type HeaderRows = readonly (readonly string[])[];

export type PartnerLayout = {
  tool: PartnerTool;
  headerRows: number;
  /** Whether the first records look like this tool's export. */
  matches: (rows: HeaderRows) => boolean;
  /** The tool's own columns, by the simplified title in the first header row, with their roles. */
  knownColumns: Readonly<Record<string, ColumnRole>>;
  knownPatterns: readonly (readonly [RegExp, ColumnRole])[];
  /** Each column's title for the officer, from the header rows. */
  titles: (rows: HeaderRows) => string[];
};

const firstRow = (rows: HeaderRows): string[] => (rows[0] ?? []).map(simplifyTitle);
const hasAll = (rows: HeaderRows, ...titles: string[]) => titles.every((title) => firstRow(rows).includes(title));
const titlesFromFirstRow = (rows: HeaderRows): string[] => (rows[0] ?? []).map((cell) => cell.trim());

// Qualtrics, "Understanding Your Dataset" (qualtrics.com/support/survey-platform/data-and-analysis-
// module/data/download-data/understanding-your-dataset/): "CSV and TSV files come with 3 rows of
// headers": the internal ID (StartDate, Q1...), the field's name or question text, then import
// IDs as JSON ({"ImportId":"QID1"}); respondents start on row 4. Column names and ImportIds as in
// a real export quoted in davemosk/FinSL-signbank docs/validation_result_model.md. Legacy exports
// (two header rows, V1 ResponseID...) are not recognised and fall back to Generic CSV.
const qualtrics: PartnerLayout = {
  tool: "Qualtrics",
  headerRows: 3,
  matches: (rows) => {
    const importIds = (rows[2] ?? []).filter((cell) => cell.trim() !== "");
    return importIds.length > 0 && importIds.filter((cell) => /^\{\s*"ImportId"\s*:/.test(cell.trim())).length * 2 > importIds.length;
  },
  knownColumns: {
    startdate: "date",
    // EndDate is when the respondent submitted; RecordedDate when Qualtrics recorded it, which
    // for a partial response closed later is not when it was answered.
    enddate: "timestamp",
    recordeddate: "date",
    status: "metadata",
    ipaddress: "personal_data",
    progress: "metadata",
    "duration in seconds": "metadata",
    finished: "metadata",
    responseid: "respondent_id",
    recipientlastname: "personal_data",
    recipientfirstname: "personal_data",
    recipientemail: "personal_data",
    // An id from the owner's contact list: it points at a person, so it goes with personal data.
    externalreference: "personal_data",
    locationlatitude: "personal_data",
    locationlongitude: "personal_data",
    distributionchannel: "metadata",
    userlanguage: "metadata",
  },
  // Q_RecaptchaScore, Q_BallotBoxStuffing and the like: Qualtrics' own fraud and quality checks.
  knownPatterns: [[/^q [a-z]/, "metadata"]],
  titles: (rows) => (rows[0] ?? []).map((id, i) => (rows[1]?.[i] ?? "").trim() || id.trim()),
};

// SurveyMonkey CSV export: two header rows, the question text (blank over the further columns of
// the same question), then the sub-question, answer choice, "Response" or "Open-Ended Response"
// (the issue; mikegleen/hrm_eval src/config.py: "To use the unmodified export from SurveyMonkey,
// change skiprows to 2"). The respondent columns are those third-party parsers of real exports
// list: Expected Parrot EDSL's SurveyMonkey importer (SURVEY_MONKEY_HEADERS) and a Python
// SurveyMonkeyParser (METADATA_COLUMNS: Respondent ID, Collector ID, Start Date, End Date, IP
// Address, Email Address, First Name, Last Name, Custom Data 1). SurveyMonkey's own help page on
// exports was not found to confirm them.
const surveyMonkey: PartnerLayout = {
  tool: "SurveyMonkey",
  headerRows: 2,
  matches: (rows) => hasAll(rows, "respondent id", "collector id"),
  knownColumns: {
    "respondent id": "respondent_id",
    "collector id": "metadata",
    "start date": "date",
    "end date": "timestamp",
    "ip address": "personal_data",
    "email address": "personal_data",
    "first name": "personal_data",
    "last name": "personal_data",
  },
  // Custom data is whatever the survey's owner passed in the link, often an email or a name.
  knownPatterns: [[/^custom data \d+$/, "personal_data"]],
  titles: (rows) => {
    let question = "";
    return (rows[0] ?? []).map((cell, i) => {
      question = cell.trim() || question;
      const sub = (rows[1]?.[i] ?? "").trim();
      return sub === "" || sub === "Response" || sub === "Open-Ended Response" ? question : `${question} [${sub}]`;
    });
  },
};

// Microsoft Forms "Open results in Excel": ID, Start time, Completion time, Email, Name, then one
// column per question (shared/DOMAIN.md and the issue; "Last modified time" appears where
// respondents may edit). An XLSX, not a CSV: listed so the XLSX reader's rows are recognised too.
const microsoftForms: PartnerLayout = {
  tool: "Microsoft Forms",
  headerRows: 1,
  matches: (rows) => firstRow(rows).slice(0, 3).join("|") === "id|start time|completion time",
  knownColumns: {
    id: "respondent_id",
    "start time": "date",
    "completion time": "timestamp",
    email: "personal_data",
    name: "personal_data",
    "last modified time": "date",
  },
  // Quizzes add "Total points", "Quiz feedback" and "Points - <question>", "Feedback - <question>".
  knownPatterns: [[/^(total points|quiz feedback|points .+|feedback .+)$/, "metadata"]],
  titles: titlesFromFirstRow,
};

// Google Forms responses (the linked Sheet, downloaded as CSV): Timestamp, "Email Address" when
// the form collects emails, then one column per question, a grid as "Question [Row]"
// (shared/DOMAIN.md and the issue). Quizzes add "Score".
const googleForms: PartnerLayout = {
  tool: "Google Forms",
  headerRows: 1,
  matches: (rows) => firstRow(rows)[0] === "timestamp",
  knownColumns: { timestamp: "timestamp", "email address": "personal_data", score: "metadata" },
  knownPatterns: [],
  titles: titlesFromFirstRow,
};

// SmartSurvey: NOT CONFIRMED. No SmartSurvey documentation of its export's columns was found;
// these are the columns named in the brief (Response ID, Started, Ended, IP Address,
// Status) and one header row is assumed. Check against a real export before relying on it.
const smartSurvey: PartnerLayout = {
  tool: "SmartSurvey",
  headerRows: 1,
  matches: (rows) => hasAll(rows, "response id", "started", "ended"),
  knownColumns: { "response id": "respondent_id", started: "date", ended: "timestamp", "ip address": "personal_data", status: "metadata" },
  knownPatterns: [],
  titles: titlesFromFirstRow,
};

// Citizen Space (Delib): NOT CONFIRMED. Delib's knowledge base describes "Download all responses"
// (CSV and .xlsx) but no page found lists the columns; these follow the brief (Response
// ID, Response Date, Response status) with one header row. Check against a real export.
const citizenSpace: PartnerLayout = {
  tool: "Citizen Space",
  headerRows: 1,
  matches: (rows) => hasAll(rows, "response id") && (hasAll(rows, "response date") || hasAll(rows, "response status")),
  knownColumns: { "response id": "respondent_id", "response date": "timestamp", "response status": "metadata" },
  knownPatterns: [],
  titles: titlesFromFirstRow,
};

/** Anything else: one header row, roles guessed from the titles alone. */
export const GENERIC_CSV: PartnerLayout = {
  tool: "Generic CSV",
  headerRows: 1,
  matches: () => true,
  knownColumns: {},
  knownPatterns: [],
  titles: titlesFromFirstRow,
};

/** In the order they are tried, the most distinctive signatures first; GENERIC_CSV when none matches. */
export const PARTNER_LAYOUTS: readonly PartnerLayout[] = [qualtrics, surveyMonkey, microsoftForms, googleForms, smartSurvey, citizenSpace];
