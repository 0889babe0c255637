import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readXlsxRows, type XlsxLimits } from "~/lib/xlsx/read-xlsx-rows";
import { XlsxUnreadable } from "~/lib/xlsx/xlsx-unreadable";
import { deflateZipEntry, zipArchive } from "~/lib/xlsx/zip-archive";

export const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** The path of a file in tests/fixtures/imports. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/imports/${name}`, import.meta.url));
}

/** A folder for this test file's workbooks; call remove() in afterAll. */
export function scratchFolder(): { file(name: string, bytes: Uint8Array): string; remove(): void } {
  const folder = mkdtempSync(path.join(tmpdir(), "xlsx-test-"));
  let count = 0;
  return {
    file: (name, bytes) => {
      count += 1;
      const filePath = path.join(folder, `${count}-${name}`);
      writeFileSync(filePath, bytes);
      return filePath;
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** A ZIP of the given parts, each deflated, in the order given. */
export function zipOf(parts: Record<string, string | Uint8Array>): Uint8Array {
  return zipArchive(Object.entries(parts).map(([name, content]) => deflateZipEntry(name, typeof content === "string" ? new TextEncoder().encode(content) : content)));
}

/**
 * A workbook written by hand, part by part, for what writeXlsx never writes: shared strings,
 * the 1904 date system, sheets out of file order. `sheetData` is the inside of <sheetData>.
 */
export function handWorkbook(options: HandWorkbook): Uint8Array {
  return zipOf(handWorkbookParts(options));
}

type HandWorkbook = { sheetData: string; sharedStrings?: string; styles?: string; workbookPr?: string };

/** The parts of handWorkbook, by name, to change one before zipping. */
export function handWorkbookParts(options: HandWorkbook): Record<string, string> {
  const relationship = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${RELATIONSHIPS}/${type}" Target="${target}"/>`;
  return {
    "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">${options.workbookPr ?? ""}<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${relationship("rId1", "worksheet", "worksheets/sheet1.xml")}${
      options.sharedStrings === undefined ? "" : relationship("rId2", "sharedStrings", "sharedStrings.xml")}${
      options.styles === undefined ? "" : relationship("rId3", "styles", "styles.xml")}</Relationships>`,
    ...(options.sharedStrings === undefined ? {} : { "xl/sharedStrings.xml": `<sst xmlns="${MAIN}">${options.sharedStrings}</sst>` }),
    ...(options.styles === undefined ? {} : { "xl/styles.xml": `<styleSheet xmlns="${MAIN}">${options.styles}</styleSheet>` }),
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData>${options.sheetData}</sheetData></worksheet>`,
  };
}

export async function readRows(filePath: string, limits?: XlsxLimits): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of readXlsxRows(filePath, limits)) rows.push(row);
  return rows;
}

/** The refusal reading a workbook ends in; fails the test if it reads, or throws anything else. */
export async function refusalOf(filePath: string, limits?: XlsxLimits): Promise<{ code: string; message: string }> {
  try {
    await readRows(filePath, limits);
  } catch (error) {
    if (error instanceof XlsxUnreadable) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${filePath} was read, not refused`);
}
