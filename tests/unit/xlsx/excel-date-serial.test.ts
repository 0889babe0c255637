import { describe, expect, it } from "vitest";
import { dateTimeToExcelSerial, excelSerialToDateTime } from "~/lib/xlsx/excel-date-serial";

// Serials checked against Python's datetime: (date(2025, 11, 3) - date(1899, 12, 30)).days is
// 45964 and (date(2025, 11, 3) - date(1904, 1, 1)).days is 44502; openpyxl 3.0.9 reads
// 45964.382199074074 in microsoft-forms.xlsx as datetime(2025, 11, 3, 9, 10, 22).
describe("excelSerialToDateTime", () => {
  it("reads 1900-system serials as local date-time text", () => {
    expect(excelSerialToDateTime(45964, false)).toBe("2025-11-03T00:00:00");
    expect(excelSerialToDateTime(45964.382199074074, false)).toBe("2025-11-03T09:10:22");
    // 26 October 2025, 01:30: the hour London's clocks went back repeats, and the text says only the wall clock.
    expect(excelSerialToDateTime(45956.0625, false)).toBe("2025-10-26T01:30:00");
  });

  it("follows Excel's 1900 leap-year mistake: serial 60 is 29 February 1900, and earlier serials count from 31 December 1899", () => {
    expect(excelSerialToDateTime(1, false)).toBe("1900-01-01T00:00:00");
    expect(excelSerialToDateTime(59, false)).toBe("1900-02-28T00:00:00");
    expect(excelSerialToDateTime(60.25, false)).toBe("1900-02-29T06:00:00");
    expect(excelSerialToDateTime(61, false)).toBe("1900-03-01T00:00:00");
    // A time on its own: Excel's "0 January 1900".
    expect(excelSerialToDateTime(0.5, false)).toBe("1899-12-31T12:00:00");
  });

  it("reads 1904-system serials from 1 January 1904", () => {
    expect(excelSerialToDateTime(0, true)).toBe("1904-01-01T00:00:00");
    expect(excelSerialToDateTime(44502.382199074074, true)).toBe("2025-11-03T09:10:22");
  });

  it("rounds to the second, as Excel shows it, carrying into the next day", () => {
    expect(excelSerialToDateTime(45964 + 0.4999 / 86_400, false)).toBe("2025-11-03T00:00:00");
    expect(excelSerialToDateTime(45964.999999999, false)).toBe("2025-11-04T00:00:00");
  });

  it("gives null for serials Excel cannot show as dates", () => {
    expect(excelSerialToDateTime(-1, false)).toBeNull();
    expect(excelSerialToDateTime(2_958_466, false)).toBeNull();
    expect(excelSerialToDateTime(Number.NaN, false)).toBeNull();
  });
});

describe("dateTimeToExcelSerial", () => {
  it("gives the 1900-system serial of a local date-time", () => {
    expect(dateTimeToExcelSerial("2025-11-03T00:00:00")).toBe(45964);
    expect(dateTimeToExcelSerial("1900-03-01T00:00:00")).toBe(61);
    expect(dateTimeToExcelSerial("2025-11-03T12:00:00")).toBe(45964.5);
  });

  it("throws a RangeError for other text, dates that do not exist and dates before 1 March 1900", () => {
    for (const text of ["2025-11-03", "2025-11-03T09:10", "03/11/2025 09:10:22", "2025-02-29T00:00:00", "2025-11-03T24:00:00", "1900-02-28T00:00:00", "0025-01-01T00:00:00"]) {
      expect(() => dateTimeToExcelSerial(text), text).toThrow(RangeError);
    }
  });
});
