/**
 * Excel stores a date-time as a serial number of days, the fraction being the time of day
 * (ECMA-376 Part 1, 18.17.4.1 "Date Conversion for Serial Date-Times"):
 * - 1900 date system (Excel's default): serial 1 is 1 January 1900. Excel keeps Lotus 1-2-3's
 *   mistake of a 29 February 1900 (serial 60), so from serial 61, 1 March 1900, serial N is N days
 *   after 30 December 1899; serial 0, the date part of a time on its own, is 31 December 1899.
 * - 1904 date system (workbookPr date1904, from early Excel for Mac): serial 0 is 1 January 1904.
 *
 * A serial has no time zone: it is the wall-clock time the partner's Excel showed. For a UK
 * partner that is Europe/London local time (GMT or BST, as the date falls), so the text here has
 * no offset and must be read as London time, not UTC.
 */
const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1900_BEFORE_MARCH = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
// 1 January 10000 in the 1900 system: Excel shows ##### from here on, and so does ISO 8601's four-digit year.
const LAST_SERIAL_1900 = 2_958_466;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/**
 * A serial as ISO 8601 local date-time text, "2025-11-03T09:10:22", rounded to the second as
 * Excel displays it. Null for a serial Excel cannot show as a date (negative, or past 9999).
 */
export function excelSerialToDateTime(serial: number, isDate1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const seconds = Math.round(serial * DAY_SECONDS);
  if (isDate1904) return isoText(EPOCH_1904 + seconds * 1000);
  if (seconds >= 60 * DAY_SECONDS && seconds < 61 * DAY_SECONDS) return `1900-02-29T${isoText(EPOCH_1900 + seconds * 1000)?.slice(11)}`;
  return isoText((seconds < 60 * DAY_SECONDS ? EPOCH_1900_BEFORE_MARCH : EPOCH_1900) + seconds * 1000);
}

/**
 * The 1900-system serial of ISO 8601 local date-time text "YYYY-MM-DDTHH:MM:SS", for writing.
 * Throws a RangeError for other text, a date that does not exist, or one before 1 March 1900
 * (where Excel's phantom 29 February makes serials ambiguous).
 */
export function dateTimeToExcelSerial(dateTime: string): number {
  const parts = LOCAL_DATE_TIME.exec(dateTime)?.slice(1).map(Number);
  if (parts === undefined) throw new RangeError(`dateTimeToExcelSerial: ${JSON.stringify(dateTime)} is not YYYY-MM-DDTHH:MM:SS`);
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (isoText(ms) !== dateTime) throw new RangeError(`dateTimeToExcelSerial: ${dateTime} is not a date and time that exists`);
  const serial = (ms - EPOCH_1900) / DAY_MS;
  if (serial < 61 || serial >= LAST_SERIAL_1900) throw new RangeError(`dateTimeToExcelSerial: ${dateTime} is outside 1 March 1900 to 31 December 9999`);
  return serial;
}

function isoText(ms: number): string | null {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year > 9999 ? null : date.toISOString().slice(0, 19);
}
