import yauzl, { type Entry, type ZipFile } from "yauzl";
import { refuseNonZip } from "./refuse-non-zip";
import { damaged, notWorkbook, passwordProtected, tooLarge, tooManyParts, XlsxUnreadable } from "./xlsx-unreadable";

export type ArchiveLimits = { maxUncompressedBytes: number; maxEntries: number };

/** An open workbook ZIP and its parts by name. Call close() when done, whatever happened. */
export type WorkbookArchive = {
  zip: ZipFile;
  /** Keyed by lower-case name: OPC part names match case-insensitively (ECMA-376 Part 2, 6.2.2.3). */
  parts: ReadonlyMap<string, Entry>;
  close(): void;
};

export const WORKBOOK_PART = "xl/workbook.xml";

/**
 * Opens a workbook's ZIP and reads its central directory, without inflating anything. Refuses,
 * as XlsxUnreadable: what is not a ZIP (see refuseNonZip); more entries than `maxEntries`
 * (TooManyParts); declared uncompressed sizes adding up past `maxUncompressedBytes` (TooLarge);
 * an encrypted entry (PasswordProtected); two entries with the same name, a broken directory
 * (Damaged); and a ZIP with no xl/workbook.xml (NotWorkbook).
 *
 * The declared sizes can lie: readPart holds each part to its declared size as it inflates.
 */
export async function openWorkbookArchive(filePath: string, limits: ArchiveLimits): Promise<WorkbookArchive> {
  await refuseNonZip(filePath);
  const zip = await openZip(filePath);
  try {
    if (zip.entryCount > limits.maxEntries) throw tooManyParts(limits.maxEntries);
    const parts = new Map<string, Entry>();
    let declaredBytes = 0;
    for await (const entry of zip.eachEntry()) {
      declaredBytes += entry.uncompressedSize;
      if (declaredBytes > limits.maxUncompressedBytes) throw tooLarge(limits.maxUncompressedBytes);
      if (entry.isEncrypted()) throw passwordProtected();
      const name = entry.fileName.toLowerCase();
      // Two entries of one name are read differently by different tools: a known way to
      // smuggle content past a check, and never something Excel writes.
      if (parts.has(name)) throw damaged(`it holds ${entry.fileName} twice`);
      parts.set(name, entry);
    }
    if (!parts.has(WORKBOOK_PART)) throw notWorkbook();
    return { zip, parts, close: () => zip.close() };
  } catch (error) {
    zip.close();
    if (error instanceof XlsxUnreadable) throw error;
    throw damaged("its list of parts cannot be read", error);
  }
}

function openZip(filePath: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // lazyEntries for eachEntry(); autoClose off, as parts are read after the directory.
    // strictFileNames refuses names with backslashes rather than rewriting them.
    yauzl.open(filePath, { lazyEntries: true, autoClose: false, strictFileNames: true }, (error, zip) => {
      if (error) reject(damaged("it starts like a ZIP archive but its list of parts is missing or cut short", error));
      else resolve(zip);
    });
  });
}
