import { unescapeExcelText } from "./excel-escapes";
import { isSpreadsheetElement, parsePart } from "./xml-part-parser";

/**
 * The shared strings table (xl/sharedStrings.xml), which cells with t="s" index. A string is
 * the text of its <t>, or of all its rich text runs' <t> joined; phonetic guides (<rPh>, the
 * furigana over Japanese text) are not part of the text. It is held in memory whole, which is
 * why its inflated bytes count against the workbook's limit like any other part's.
 */
export async function readSharedStrings(chunks: AsyncIterable<Uint8Array>, partName: string): Promise<string[]> {
  const strings: string[] = [];
  let text = "";
  let run = "";
  let isInString = false;
  let isInPhonetic = false;
  let isInText = false;
  await parsePart(chunks, partName, {
    open: (tag) => {
      if (isSpreadsheetElement(tag, "si")) {
        isInString = true;
        text = "";
      } else if (isSpreadsheetElement(tag, "rPh")) isInPhonetic = true;
      else if (isSpreadsheetElement(tag, "t")) {
        isInText = isInString && !isInPhonetic;
        run = "";
      }
    },
    text: (value) => {
      if (isInText) run += value;
    },
    close: (tag) => {
      if (isSpreadsheetElement(tag, "si")) {
        strings.push(text);
        isInString = false;
      } else if (isSpreadsheetElement(tag, "rPh")) isInPhonetic = false;
      else if (isSpreadsheetElement(tag, "t") && isInText) {
        text += unescapeExcelText(run);
        isInText = false;
      }
    },
  });
  return strings;
}
