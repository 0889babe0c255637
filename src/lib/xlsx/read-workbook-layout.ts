import path from "node:path";
import { damaged } from "./xlsx-unreadable";
import { attributeOf, isSpreadsheetElement, PACKAGE_RELATIONSHIPS, parsePart, relationshipIdOf } from "./xml-part-parser";

/** What xl/workbook.xml says: its sheets in workbook order, and which date system it uses. */
export type WorkbookSheets = { sheets: { name: string; relationshipId: string }[]; isDate1904: boolean };
/** What xl/_rels/workbook.xml.rels says: each relationship's type and the part it points to. */
export type WorkbookRelationships = ReadonlyMap<string, { type: string; partName: string }>;

export async function readWorkbookSheets(chunks: AsyncIterable<Uint8Array>, partName: string): Promise<WorkbookSheets> {
  const sheets: WorkbookSheets["sheets"] = [];
  let isDate1904 = false;
  await parsePart(chunks, partName, {
    open: (tag) => {
      if (isSpreadsheetElement(tag, "workbookPr")) {
        // xsd:boolean: "true" or "1".
        const value = attributeOf(tag, "date1904");
        isDate1904 = value === "1" || value === "true";
      } else if (isSpreadsheetElement(tag, "sheet")) {
        const relationshipId = relationshipIdOf(tag);
        if (relationshipId === undefined) throw damaged(`a sheet in ${partName} does not say where it is`);
        sheets.push({ name: attributeOf(tag, "name") ?? "", relationshipId });
      }
    },
  });
  return { sheets, isDate1904 };
}

/**
 * Reads a relationships part, resolving each internal target against `sourceFolder` (for the
 * workbook, "xl") into a part name as the ZIP lists it: "worksheets/sheet1.xml" becomes
 * "xl/worksheets/sheet1.xml", and "/xl/styles.xml" is already absolute (ECMA-376 Part 2, 9.3).
 */
export async function readRelationships(chunks: AsyncIterable<Uint8Array>, partName: string, sourceFolder: string): Promise<WorkbookRelationships> {
  const relationships = new Map<string, { type: string; partName: string }>();
  await parsePart(chunks, partName, {
    open: (tag) => {
      if (tag.local !== "Relationship" || tag.uri !== PACKAGE_RELATIONSHIPS) return;
      const id = attributeOf(tag, "Id");
      const type = attributeOf(tag, "Type");
      const target = attributeOf(tag, "Target");
      if (id === undefined || type === undefined || target === undefined || attributeOf(tag, "TargetMode") === "External") return;
      relationships.set(id, { type, partName: resolvePartName(sourceFolder, target) });
    },
  });
  return relationships;
}

/** Whether a relationship type is `kind` ("worksheet", "styles", "sharedStrings") in Transitional or Strict form. */
export function isRelationshipType(type: string, kind: string): boolean {
  return type.endsWith(`/relationships/${kind}`);
}

function resolvePartName(sourceFolder: string, target: string): string {
  const joined = target.startsWith("/") ? target.slice(1) : path.posix.join(sourceFolder, target);
  // Lower case, as the archive's parts are keyed; ".." past the root stays at the root (RFC 3986, 5.2.4).
  return path.posix.normalize(joined).replace(/^(\.\.\/)+/, "").toLowerCase();
}
