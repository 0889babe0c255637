import { describe, expect, it } from "vitest";
import { financialQuarterOf, financialQuartersBetween, reportingQuarterOf, reportingQuartersBetween } from "~/lib/periods/financial-quarter";

describe("financialQuarterOf", () => {
  it("puts April to June in Q1 of the financial year that starts that April", () => {
    expect(financialQuarterOf("2025-04-01")).toEqual({ label: "2025/26 Q1", startsOn: "2025-04-01", endsBefore: "2025-07-01" });
    expect(financialQuarterOf("2025-06-30").label).toBe("2025/26 Q1");
  });

  it("puts January to March in Q4 of the financial year that started the April before", () => {
    expect(financialQuarterOf("2026-01-01")).toEqual({ label: "2025/26 Q4", startsOn: "2026-01-01", endsBefore: "2026-04-01" });
    expect(financialQuarterOf("2026-03-31").label).toBe("2025/26 Q4");
  });

  it("crosses the calendar year in Q3's end date", () => {
    expect(financialQuarterOf("2026-11-25")).toEqual({ label: "2026/27 Q3", startsOn: "2026-10-01", endsBefore: "2027-01-01" });
  });

  it("labels the turn of the century with two digits", () => {
    expect(financialQuarterOf("2099-05-01").label).toBe("2099/00 Q1");
  });

  it("refuses what is not a date", () => {
    expect(() => financialQuarterOf("25/11/2026")).toThrow(RangeError);
    expect(() => financialQuarterOf("2026-13-01")).toThrow(RangeError);
  });
});

describe("financialQuartersBetween", () => {
  it("lists every quarter from the first date's to the last date's, in order", () => {
    const labels = financialQuartersBetween("2024-04-01", "2025-05-15").map((q) => q.label);
    expect(labels).toEqual(["2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4", "2025/26 Q1"]);
  });

  it("gives one quarter when both dates fall in it", () => {
    expect(financialQuartersBetween("2025-04-02", "2025-04-03")).toHaveLength(1);
  });

  it("gives none when the range is reversed", () => {
    expect(financialQuartersBetween("2025-07-01", "2025-04-01")).toEqual([]);
  });
});

describe("reportingQuarterOf, for a partnership whose year starts in another month", () => {
  it("uses calendar quarters labelled by year when the year starts in January", () => {
    expect(reportingQuarterOf("2026-11-25", 1)).toEqual({ label: "2026 Q4", startsOn: "2026-10-01", endsBefore: "2027-01-01" });
    expect(reportingQuarterOf("2026-01-01", 1)).toEqual({ label: "2026 Q1", startsOn: "2026-01-01", endsBefore: "2026-04-01" });
  });

  it("starts quarters in the given month, running into the next calendar year", () => {
    // A year from September (an academic year): Q2 is December to February.
    expect(reportingQuarterOf("2026-01-15", 9)).toEqual({ label: "2025/26 Q2", startsOn: "2025-12-01", endsBefore: "2026-03-01" });
    expect(reportingQuarterOf("2026-08-31", 9)).toEqual({ label: "2025/26 Q4", startsOn: "2026-06-01", endsBefore: "2026-09-01" });
  });

  it("gives the financial year's quarters for April, and refuses a month that is not one", () => {
    expect(reportingQuarterOf("2026-11-25", 4)).toEqual(financialQuarterOf("2026-11-25"));
    expect(() => reportingQuarterOf("2026-11-25", 13)).toThrow(RangeError);
    expect(reportingQuartersBetween("2026-01-01", "2026-12-31", 1).map((q) => q.label)).toEqual(["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]);
  });
});
