import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDelimitedRecords } from "~/lib/csv/read-delimited-records";
import { decodeExport } from "~/lib/imports/decode-export";

/** The bytes of a file in tests/fixtures/imports: small, read whole. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/imports/${name}`, import.meta.url))));
}

/** The first `limit` records of a fixture, decoded and split as the importer would. */
export async function fixtureRecords(name: string, limit = 6): Promise<string[][]> {
  const decoded = decodeExport(fixtureBytes(name));
  if (!decoded.ok) throw new Error(`${name}: ${decoded.error.message}`);
  const records: string[][] = [];
  for await (const record of readDelimitedRecords(once(decoded.value.text), { delimiter: decoded.value.delimiter })) {
    records.push(record);
    if (records.length === limit) break;
  }
  return records;
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}
