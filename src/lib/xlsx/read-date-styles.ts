import { isDateFormat } from "./is-date-format";
import { attributeOf, isSpreadsheetElement, parsePart } from "./xml-part-parser";

/**
 * For each cell style in xl/styles.xml (the cellXfs list, which a cell's s attribute indexes),
 * whether its number format shows a date or time. Custom formats (numFmts) are matched to styles
 * once the whole part is read, so their order in the part does not matter.
 */
export async function readDateStyles(chunks: AsyncIterable<Uint8Array>, partName: string): Promise<boolean[]> {
  const formatCodes = new Map<number, string>();
  const styleFormatIds: number[] = [];
  let isInCellXfs = false;
  await parsePart(chunks, partName, {
    open: (tag) => {
      if (isSpreadsheetElement(tag, "numFmt")) {
        const id = Number(attributeOf(tag, "numFmtId"));
        const code = attributeOf(tag, "formatCode");
        if (Number.isInteger(id) && code !== undefined) formatCodes.set(id, code);
      } else if (isSpreadsheetElement(tag, "cellXfs")) {
        isInCellXfs = true;
      } else if (isInCellXfs && isSpreadsheetElement(tag, "xf")) {
        styleFormatIds.push(Number(attributeOf(tag, "numFmtId") ?? 0));
      }
    },
    close: (tag) => {
      if (isSpreadsheetElement(tag, "cellXfs")) isInCellXfs = false;
    },
  });
  return styleFormatIds.map((id) => isDateFormat(id, formatCodes.get(id)));
}
