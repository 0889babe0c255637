import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { indicatorTable } from "~/lib/reports/indicator-table";
import { tableCsv, tableXlsx } from "~/lib/reports/table-download";
import { readXlsxRows } from "~/lib/xlsx/read-xlsx-rows";
import type { IndicatorByWard } from "~/lib/reports/indicator-by-ward";

// The files indicatorDownload sends: the indicator's table, as CSV and as a workbook.
const indicatorCsv = (report: IndicatorByWard) => tableCsv(indicatorTable(report));
const indicatorXlsx = (report: IndicatorByWard) => tableXlsx({ title: report.indicator.title, rows: indicatorTable(report) });

const visible = { isSuppressed: false, reason: null } as const;
const report = {
  indicator: { key: "feel_safe_after_dark", title: "% who feel safe after dark" },
  window: { label: "2026/27 Q3", periods: [] },
  previousWindow: null,
  area: { estimate: { numerator: 53, base: 84, estimate: 53 / 84, lower: 0.52, upper: 0.73 }, suppression: visible, change: null, previous: null, sources: ["Web"] },
  wards: [
    { ward: { id: 1, gssCode: "E05999901", name: "=HYPERLINK(\"http://evil\")", nameCy: null }, estimate: { numerator: 28, base: 39, estimate: 28 / 39, lower: 0.56, upper: 0.83 }, suppression: visible, change: { difference: -0.153, lower: -0.3, upper: -0.01, isSignificant: true }, previous: null, sources: ["Web", "+Police"] },
    { ward: { id: 2, gssCode: "E05999903", name: "Castle Hill", nameCy: null }, estimate: null, suppression: { isSuppressed: true, reason: "below_threshold" }, change: null, previous: null, sources: [] },
  ],
} as unknown as IndicatorByWard;

describe("indicatorCsv", () => {
  const lines = indicatorCsv(report).replace(/^\uFEFF/, "").split("\r\n");

  it("writes the area and every ward with numerator, base, percentage, interval, flag, change and sources", () => {
    expect(lines[0]).toBe("area or ward,ward code,period,numerator,base,percentage,lower,upper,suppressed,suppression reason,change in points,real change,sources,effective base,weighted,baseline period,change from baseline in points,real change from baseline");
    expect(lines[1]).toBe("Whole area,,2026/27 Q3,53,84,63.1,52,73,no,,,,Web,,no,,,");
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://evil"")",E05999901,2026/27 Q3,28,39,71.8,56,83,no,,-15.3,yes,Web; +Police,,no,,,`);
  });

  it("leaves a suppressed ward's figures empty, with its flag and reason", () => {
    expect(lines[3]).toBe("Castle Hill,E05999903,2026/27 Q3,,,,,,yes,below_threshold,,,,,no,,,");
  });
});

describe("indicatorCsv with a baseline period", () => {
  const since = {
    ...report,
    baselineWindow: { label: "2024/25 Q3", periods: [] },
    area: { ...report.area, changeFromBaseline: { difference: 0.0615, lower: -0.02, upper: 0.14, isSignificant: false } },
    wards: [{ ...report.wards[0], changeFromBaseline: { difference: -0.2, lower: -0.35, upper: -0.05, isSignificant: true } }, { ...report.wards[1], changeFromBaseline: null }],
  } as unknown as IndicatorByWard;
  const lines = indicatorCsv(since).replace(/^\uFEFF/, "").split("\r\n");

  it("names the baseline on every row and gives each figure's change from it, with whether it is real", () => {
    expect(lines[1]).toBe("Whole area,,2026/27 Q3,53,84,63.1,52,73,no,,,,Web,,no,2024/25 Q3,6.2,no");
    expect(lines[2]).toMatch(/,2024\/25 Q3,-20,yes$/);
    expect(lines[3]).toBe("Castle Hill,E05999903,2026/27 Q3,,,,,,yes,below_threshold,,,,,no,2024/25 Q3,,");
  });
});

describe("indicatorCsv of a weighted report", () => {
  const weighted = {
    ...report,
    isWeighted: true,
    area: { ...report.area, weighting: { isWeighted: false, reason: "weighting was not possible in 1 of the 2 wards with responses (Castle Hill); each ward’s figure says why" } },
    wards: [
      { ...report.wards[0], estimate: { numerator: 28, base: 39, estimate: 0.38, lower: 0.25, upper: 0.53, weighting: { effectiveBase: 30.26, designEffect: 1.29 } }, weighting: { isWeighted: true, notes: ["10 answers counted in aggregate returns left out: counts cannot be weighted"] } },
      { ...report.wards[1], weighting: null },
    ],
  } as unknown as IndicatorByWard;
  const lines = indicatorCsv(weighted).replace(/^\uFEFF/, "").split("\r\n");

  it("gives a weighted figure its effective base and no numerator, and says what it leaves out", () => {
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://evil"")",E05999901,2026/27 Q3,,39,38,25,53,no,,-15.3,yes,Web; +Police,30.3,yes; 10 answers counted in aggregate returns left out: counts cannot be weighted,,,`);
  });

  it("says why a figure could not be weighted, and nothing for a hidden one", () => {
    expect(lines[1]).toBe("Whole area,,2026/27 Q3,53,84,63.1,52,73,no,,,,Web,,not possible: weighting was not possible in 1 of the 2 wards with responses (Castle Hill); each ward’s figure says why,,,");
    expect(lines[3]).toBe("Castle Hill,E05999903,2026/27 Q3,,,,,,yes,below_threshold,,,,,,,,");
  });
});

describe("indicatorXlsx", () => {
  it("writes the same cells as the CSV into a workbook, numbers as numbers and formulas neutralised", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "np-xlsx-export-"));
    const file = path.join(folder, "table.xlsx");
    writeFileSync(file, indicatorXlsx(report));
    const rows: string[][] = [];
    for await (const row of readXlsxRows(file)) rows.push(row);
    expect(rows[1]).toEqual(["Whole area", "", "2026/27 Q3", "53", "84", "63.1", "52", "73", "no", "", "", "", "Web", "", "no"]);
    expect(rows[2]![0]).toBe("'=HYPERLINK(\"http://evil\")");
    // A suppressed ward: the flag and reason, and no numbers at all.
    expect(rows[3]!.slice(0, 10)).toEqual(["Castle Hill", "E05999903", "2026/27 Q3", "", "", "", "", "", "yes", "below_threshold"]);
  });
});
