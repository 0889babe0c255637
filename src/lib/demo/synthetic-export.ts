import { csvLine, CSV_LINE_END } from "~/lib/csv/csv-cell";
import { STANDARD_QUESTIONS } from "~/lib/surveys/question-bank";
import { mulberry32 } from "./pseudo-random";

// Five national questions, as a partner's generic export would ask them, word for word.
const QUESTION_KEYS = ["safe_after_dark", "worry_burglary", "worry_mugged", "crime_change_local", "police_good_job"];

/**
 * A made-up partner export of `rows` responses in a generic one-header CSV: a respondent id, a
 * completion date (UK day first) within `days` before `until`, a ward code, and five bank
 * questions answered with the bank's own labels. Streamed, so a million rows cost no memory.
 * For benchmarks and the crash test, never for reports.
 */
export function* syntheticExport(options: { rows: number; wardCodes: readonly string[]; until: string; days: number; seed?: number }): Generator<string> {
  const random = mulberry32(options.seed ?? 1);
  const questions = QUESTION_KEYS.map((key) => STANDARD_QUESTIONS.find((q) => q.key === key)!).filter((q) => q !== undefined);
  yield csvLine(["Response ID", "Completed", "Ward code", ...questions.map((q) => q.text)]) + CSV_LINE_END;
  const end = Date.parse(`${options.until}T12:00:00Z`);
  let batch = "";
  for (let row = 1; row <= options.rows; row += 1) {
    const date = new Date(end - Math.floor(random() * options.days) * 86_400_000);
    const day = `${String(date.getUTCDate()).padStart(2, "0")}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/${date.getUTCFullYear()} ${String(8 + Math.floor(random() * 12)).padStart(2, "0")}:${String(Math.floor(random() * 60)).padStart(2, "0")}`;
    const ward = options.wardCodes[Math.floor(random() * options.wardCodes.length)]!;
    const answers = questions.map((q) => q.options[Math.floor(random() * q.options.length)]!.label);
    batch += csvLine([`R${row}`, day, ward, ...answers]) + CSV_LINE_END;
    if (row % 1000 === 0) {
      yield batch;
      batch = "";
    }
  }
  if (batch !== "") yield batch;
}
