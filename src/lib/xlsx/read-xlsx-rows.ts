import type { Entry } from "yauzl";
import { openWorkbookArchive, WORKBOOK_PART, type ArchiveLimits, type WorkbookArchive } from "./open-workbook-archive";
import { readDateStyles } from "./read-date-styles";
import { readPart, type InflateBudget } from "./read-part";
import { readSharedStrings } from "./read-shared-strings";
import { readSheetRows } from "./read-sheet-rows";
import { isRelationshipType, readRelationships, readWorkbookSheets } from "./read-workbook-layout";
import { damaged, noWorksheet } from "./xlsx-unreadable";

export type XlsxLimits = Partial<ArchiveLimits>;

// Far beyond a partner's export, yet well within a server's memory: 10,000 responses to 60
// questions make a worksheet of about 23 MB as Excel writes it (shared strings, a style on
// every cell). Such a workbook has about ten parts.
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 200_000_000;
export const DEFAULT_MAX_ENTRIES = 10_000;

const WORKBOOK_RELATIONSHIPS_PART = "xl/_rels/workbook.xml.rels";

/**
 * The rows of a workbook's first worksheet, in the order of xl/workbook.xml (through its
 * relationships, never by assuming sheet1.xml; chart sheets are passed over), as cell text: see
 * readSheetRows for what each cell becomes, and excelSerialToDateTime for dates, which come out as
 * Europe/London wall-clock text "2025-11-03T09:10:22".
 *
 * A zip bomb defence first: nothing is inflated from a workbook whose declared sizes add up to
 * more than `maxUncompressedBytes` (200 MB by default) or that has more than `maxEntries` parts
 * (10,000), and while inflating, the bytes produced are counted and reading stops as soon as a
 * part passes its declared size or the total passes the limit. Shared strings are held in memory
 * (they are counted too); the worksheet itself is streamed, a chunk at a time.
 *
 * Every refusal is an XlsxUnreadable with a code and a message for the officer; anything else
 * thrown (a file that cannot be opened at all) is unexpected. The ZIP is closed however reading
 * ends: at the last row, on a refusal, or when the caller stops early.
 */
export async function* readXlsxRows(filePath: string, limits: XlsxLimits = {}): AsyncGenerator<string[], void, undefined> {
  const maxUncompressedBytes = limits.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const archive = await openWorkbookArchive(filePath, { maxUncompressedBytes, maxEntries: limits.maxEntries ?? DEFAULT_MAX_ENTRIES });
  try {
    const budget: InflateBudget = { limitBytes: maxUncompressedBytes, remainingBytes: maxUncompressedBytes };
    const partOf = (partName: string): Entry | undefined => archive.parts.get(partName);
    const read = (entry: Entry) => readPart(archive.zip, entry, budget);

    const workbook = await readWorkbookSheets(read(requiredPart(archive, WORKBOOK_PART)), WORKBOOK_PART);
    const relationshipsEntry = partOf(WORKBOOK_RELATIONSHIPS_PART);
    if (relationshipsEntry === undefined) throw workbook.sheets.length === 0 ? noWorksheet() : damaged(`it has no ${WORKBOOK_RELATIONSHIPS_PART} to say where its sheets are`);
    const relationships = await readRelationships(read(relationshipsEntry), WORKBOOK_RELATIONSHIPS_PART, "xl");
    const firstWorksheet = workbook.sheets
      .map((sheet) => relationships.get(sheet.relationshipId))
      .find((relationship) => relationship !== undefined && isRelationshipType(relationship.type, "worksheet"));
    if (firstWorksheet === undefined) throw noWorksheet();
    const related = (kind: string) => [...relationships.values()].find((relationship) => isRelationshipType(relationship.type, kind))?.partName;

    const stylesPart = related("styles");
    const stylesEntry = stylesPart === undefined ? undefined : partOf(stylesPart);
    const dateStyles = stylesEntry === undefined ? [] : await readDateStyles(read(stylesEntry), stylesEntry.fileName);
    const sharedStringsPart = related("sharedStrings");
    const sharedStringsEntry = sharedStringsPart === undefined ? undefined : partOf(sharedStringsPart);
    const sharedStrings = sharedStringsEntry === undefined ? [] : await readSharedStrings(read(sharedStringsEntry), sharedStringsEntry.fileName);

    const worksheetEntry = requiredPart(archive, firstWorksheet.partName);
    yield* readSheetRows(read(worksheetEntry), worksheetEntry.fileName, { sharedStrings, dateStyles, isDate1904: workbook.isDate1904 });
  } finally {
    archive.close();
  }
}

function requiredPart(archive: WorkbookArchive, partName: string): Entry {
  const entry = archive.parts.get(partName);
  if (entry === undefined) throw damaged(`it lists ${partName} but does not hold it`);
  return entry;
}
