/** Why a workbook was not read. Every case has a message for the officer in XlsxUnreadable. */
export type XlsxRefusalCode =
  | "NotZip"
  | "PasswordProtected"
  | "OldExcelFormat"
  | "NotWorkbook"
  | "NoWorksheet"
  | "TooLarge"
  | "TooManyParts"
  | "Damaged"
  | "HasDoctype";

/**
 * The file is not a workbook this reader will open. `message` is plain English for the officer,
 * saying what to do instead; `cause`, when there is one, holds the library error for the log.
 */
export class XlsxUnreadable extends Error {
  readonly code: XlsxRefusalCode;

  constructor(code: XlsxRefusalCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "XlsxUnreadable";
    this.code = code;
  }
}

const SAVE_AS_NEW = "Open it in Excel, save it as a new workbook (.xlsx) and upload that";

export const notZip = () =>
  new XlsxUnreadable("NotZip", "The selected file is not an Excel workbook (.xlsx). Save it from Excel as an Excel workbook (.xlsx) or as CSV UTF-8 and upload that");

export const passwordProtected = () =>
  new XlsxUnreadable(
    "PasswordProtected",
    "The workbook is password protected, so it could not be read. Open it in Excel, remove the password (File, Info, Protect Workbook, Encrypt with Password), save it and upload it again",
  );

export const oldExcelFormat = () =>
  new XlsxUnreadable(
    "OldExcelFormat",
    "The selected file is an Office 97-2003 file, such as an Excel .xls workbook. Save it as an Excel workbook (.xlsx) or as CSV UTF-8 and upload that",
  );

export const notWorkbook = () =>
  new XlsxUnreadable("NotWorkbook", "The selected file is a ZIP archive but not an Excel workbook. Save the responses from Excel as an Excel workbook (.xlsx) and upload that");

export const noWorksheet = () => new XlsxUnreadable("NoWorksheet", "The workbook has no worksheet, so it holds no responses. Check it is the right file");

export const tooLarge = (limitBytes: number) =>
  new XlsxUnreadable(
    "TooLarge",
    `The workbook expands to more than ${sizeText(limitBytes)} when opened, so it was not read. Split the responses across smaller workbooks, or save the worksheet as CSV UTF-8 and upload that`,
  );

export const tooManyParts = (maxEntries: number) =>
  new XlsxUnreadable(
    "TooManyParts",
    `The workbook is made of more than ${maxEntries.toLocaleString("en-GB")} parts, far more than a sheet of responses needs, so it was not read. Save the worksheet as CSV UTF-8 and upload that`,
  );

/** `problem` completes "The workbook is damaged: ..." and names the part, for whoever helps the officer. */
export const damaged = (problem: string, cause?: unknown) =>
  new XlsxUnreadable("Damaged", `The workbook is damaged: ${problem}, so it was not read. ${SAVE_AS_NEW}`, { cause });

export const hasDoctype = (partName: string) =>
  new XlsxUnreadable("HasDoctype", `The workbook has a document type declaration in ${partName}, which Excel never writes, so it was not read. ${SAVE_AS_NEW}`);

function sizeText(bytes: number): string {
  return bytes % 1_000_000 === 0 ? `${(bytes / 1_000_000).toLocaleString("en-GB")} MB` : `${bytes.toLocaleString("en-GB")} bytes`;
}
