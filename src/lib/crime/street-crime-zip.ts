import yauzl, { type Entry, type ZipFile } from "yauzl";
import { readPart, type InflateBudget } from "~/lib/xlsx/read-part";
import { XlsxUnreadable } from "~/lib/xlsx/xlsx-unreadable";
import type { StreetCrimeFile } from "./tally-street-crime";

/** The ZIP was not read; `message` says why, in words for the officer, naming the file. */
export class StreetCrimeZipUnreadable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StreetCrimeZipUnreadable";
  }
}

export type ZipLimits = { maxEntries: number; budget: InflateBudget };

// data.police.uk's custom download: a folder per month, each with the force's
// YYYY-MM-<force>-street.csv and, when asked for, -outcomes.csv and -stop-and-search.csv.
const STREET_FILE = /(^|\/)[^/]*-street\.csv$/i;

/**
 * The street-level files of one ZIP, read as they are inflated. Defences against a zip bomb:
 * before anything is inflated, the archive's central directory is read and refused with more
 * than `maxEntries` entries, an encrypted entry, a name given twice, or street files whose
 * declared sizes add up past what is left of the budget; then readPart (the workbook reader's,
 * reused) counts the bytes actually inflated, refusing an entry that grows past its declared
 * size or the budget, so a lying header is caught within a chunk. Other entries (outcomes, stop
 * and search) are never inflated. Every refusal is a StreetCrimeZipUnreadable; the ZIP is closed
 * however the reading ends.
 */
export async function* streetCrimeFilesInZip(zipName: string, bytes: Buffer, limits: ZipLimits): AsyncGenerator<StreetCrimeFile> {
  const zip = await openZip(zipName, bytes);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new StreetCrimeZipUnreadable(`${zipName} holds more than ${limits.maxEntries.toLocaleString("en-GB")} files, far more than a force's months need, so it was not opened. Download fewer months at a time`);
    }
    const names = new Set<string>();
    const street: Entry[] = [];
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.isEncrypted()) throw new StreetCrimeZipUnreadable(`${zipName} is password protected, so it could not be read. Download it from data.police.uk again`);
        if (names.has(entry.fileName)) throw damaged(zipName, `it holds ${entry.fileName} twice`);
        names.add(entry.fileName);
        if (!STREET_FILE.test(entry.fileName)) continue;
        declared += entry.uncompressedSize;
        street.push(entry);
      }
    } catch (error) {
      if (error instanceof StreetCrimeZipUnreadable) throw error;
      throw damaged(zipName, "its list of files cannot be read", error);
    }
    if (street.length === 0) {
      const found = [...names].filter((name) => !name.endsWith("/")).slice(0, 5);
      throw new StreetCrimeZipUnreadable(`${zipName} holds no street-level crime files (names ending “-street.csv”). Files found: ${found.join(", ") || "none"}`);
    }
    if (declared > limits.budget.remainingBytes) throw tooLarge(zipName, limits.budget.limitBytes);
    street.sort((a, b) => a.fileName.localeCompare(b.fileName));
    for (const entry of street) yield { name: `${zipName}/${entry.fileName}`, bytes: inflated(zipName, zip, entry, limits.budget) };
  } finally {
    zip.close();
  }
}

async function* inflated(zipName: string, zip: ZipFile, entry: Entry, budget: InflateBudget): AsyncGenerator<Uint8Array> {
  try {
    yield* readPart(zip, entry, budget);
  } catch (error) {
    if (!(error instanceof XlsxUnreadable)) throw error;
    // readPart words its refusals for workbooks; the officer here uploaded a ZIP of CSV files.
    throw error.code === "TooLarge" ? tooLarge(zipName, budget.limitBytes) : damaged(zipName, `${entry.fileName} cannot be unpacked, or unpacks to more than the ZIP says it holds`, error);
  }
}

function openZip(zipName: string, bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // lazyEntries for eachEntry(); autoClose off, as entries are read after the directory.
    // strictFileNames refuses names with backslashes; yauzl refuses absolute and ".." names.
    yauzl.fromBuffer(bytes, { lazyEntries: true, autoClose: false, strictFileNames: true }, (error, zip) => {
      if (error) reject(damaged(zipName, "it is not a ZIP archive, or its list of files is missing or cut short", error));
      else resolve(zip);
    });
  });
}

const damaged = (zipName: string, problem: string, cause?: unknown) =>
  new StreetCrimeZipUnreadable(`${zipName} is damaged: ${problem}, so nothing was loaded. Download it from data.police.uk again`, { cause });

const tooLarge = (zipName: string, limitBytes: number) =>
  new StreetCrimeZipUnreadable(`The street-level files in ${zipName} unpack to more than ${Math.round(limitBytes / 1_000_000).toLocaleString("en-GB")} MB, so nothing was loaded. Download fewer months at a time`);
