import { readFileSync } from "node:fs";
import { readCsvRecords } from "~/lib/csv/read-csv-records";

/** CSV text's rows, read as the product reads CSV (quoted cells and all). */
export async function parseCsv(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const record of readCsvRecords((async function* () { yield text.replace(/^\uFEFF/, ""); })())) rows.push(record);
  return rows;
}

/** A downloaded CSV file's rows. */
export const csvRows = (file: string): Promise<string[][]> => parseCsv(readFileSync(file, "utf8"));
