import { CsvUnreadable, readCsvRecords } from "~/lib/csv/read-csv-records";
import { err, ok, type Result } from "~/lib/result";

/** Ward names by ward code, each with the spreadsheet row it came from (the header is row 1). */
export type WardNames = Map<string, { name: string; row: number }>;

const CODE_HEADINGS = [/^code$/, /^ward ?code$/, /^gss[ _]?code$/, /^wd\d\dcd$/];
const NAME_HEADINGS = [/^name$/, /^ward ?name$/, /^wd\d\dnm$/];
const GSS_CODE = /^[EWSN][0-9]{8}$/;
const MAX_PROBLEMS = 20;

/**
 * Reads a CSV of ward codes and names, such as the ONS ward names and codes lookup or the
 * Herefordshire wards.csv shipped with the product. Columns are found by heading ("code"/"name",
 * "ward code"/"ward name" or ONS WDyyCD/WDyyNM), in any order, with other columns ignored. Every
 * problem names its row and says what to change.
 */
export async function readWardNamesCsv(text: string): Promise<Result<WardNames, string[]>> {
  const problems: string[] = [];
  const names: WardNames = new Map();
  let header: string[] | null = null;
  let columns = { code: -1, name: -1 };
  let row = 0;
  try {
    for await (const record of readCsvRecords(once(text))) {
      row += 1;
      if (record.every((field) => field.trim() === "")) continue;
      if (header === null) {
        header = record.map((heading) => heading.trim().toLowerCase());
        columns = { code: findHeading(header, CODE_HEADINGS), name: findHeading(header, NAME_HEADINGS) };
        if (columns.code < 0) problems.push('The ward names file has no column of ward codes: head it "code" (or an ONS heading such as WD25CD)');
        if (columns.name < 0) problems.push('The ward names file has no column of ward names: head it "name" (or an ONS heading such as WD25NM)');
        if (problems.length > 0) return err(problems);
        continue;
      }
      const code = (record[columns.code] ?? "").trim();
      const name = (record[columns.name] ?? "").trim();
      if (!GSS_CODE.test(code)) problems.push(`Row ${row} of the ward names file has ${code === "" ? "no ward code" : `"${code}" as its ward code`}: enter a GSS code such as E05009438`);
      else if (name === "") problems.push(`Row ${row} of the ward names file has no name for ward ${code}: enter the name or delete the row`);
      else if (names.has(code)) problems.push(`Row ${row} of the ward names file repeats ward ${code}, already on row ${names.get(code)!.row}: delete one of the rows`);
      else names.set(code, { name, row });
      if (problems.length >= MAX_PROBLEMS) break;
    }
  } catch (error) {
    if (error instanceof CsvUnreadable) return err([`The ward names file is not a CSV file that can be read (${error.message}): save it as CSV and upload it again`]);
    throw error;
  }
  if (header === null) return err(["The ward names file is empty: choose a CSV file with a row for each ward"]);
  if (problems.length > 0) return err(problems);
  if (names.size === 0) return err(["The ward names file has no wards under its headings: add a row for each ward"]);
  return ok(names);
}

const findHeading = (header: string[], patterns: RegExp[]) => {
  for (const pattern of patterns) {
    const index = header.findIndex((heading) => pattern.test(heading));
    if (index >= 0) return index;
  }
  return -1;
};

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
