import { describe, expect, it } from "vitest";
import type { CrimeBesidePerception } from "~/lib/reports/crime-beside-perception";
import { crimeBesidePerceptionTable } from "~/lib/reports/crime-beside-perception-table";
import { tableCsv } from "~/lib/reports/table-download";
import type { TrendPoint } from "~/lib/reports/ward-trends";

const ward = { kind: "ward", gssCode: "E05009449", name: "=HYPERLINK(\"http://evil\")" } as const;
const q4 = { label: "2023/24 Q4", periods: [] };
const q1 = { label: "2024/25 Q1", periods: [] };
const q2 = { label: "2024/25 Q2", periods: [] };
const hidden = { isSuppressed: true, reason: "below_threshold" } as const;
const shown = { isSuppressed: false, reason: null } as const;

/** The section as a reader gets it: the Q1 perception figure (8 of 12) is below the threshold. */
const crime = (q1Point: TrendPoint): CrimeBesidePerception => ({
  windows: [
    { label: q4.label, crimes: 0, antiSocialBehaviour: 0, crimesPer1000: null, antiSocialBehaviourPer1000: null, monthsLoaded: 0, monthsInWindow: 3 },
    { label: q1.label, crimes: 1001, antiSocialBehaviour: 100, crimesPer1000: 256.6, antiSocialBehaviourPer1000: 25.6, monthsLoaded: 2, monthsInWindow: 3 },
    { label: q2.label, crimes: 3, antiSocialBehaviour: 0, crimesPer1000: null, antiSocialBehaviourPer1000: null, monthsLoaded: 1, monthsInWindow: 3 },
  ],
  perception: {
    indicator: { key: "feel_safe_after_dark", title: "% who feel safe after dark" },
    current: null,
    points: [
      { window: q4, estimate: { numerator: 25, base: 40, estimate: 0.625, lower: 0.4698, upper: 0.7586 }, suppression: shown, weighting: null },
      q1Point,
      { window: q2, estimate: null, suppression: hidden, weighting: null },
    ],
  },
  chart: null,
  hasCrime: true,
} as unknown as CrimeBesidePerception);

describe("crimeBesidePerceptionTable", () => {
  it("heads the place columns as the area's when the table is the whole area's", () => {
    const { rows } = crimeBesidePerceptionTable({ kind: "area", name: "Herefordshire", gssCode: "E06000019" }, crime({ window: q1, estimate: null, suppression: hidden, weighting: null }), false);
    expect(rows[0]!.slice(0, 3)).toEqual(["area", "area code", "period"]);
    expect(rows[1]!.slice(0, 3)).toEqual(["Herefordshire", "E06000019", "2023/24 Q4"]);
  });

  it("writes each window's recorded crime, ASB, rates and months beside the perception figure", () => {
    const { rows } = crimeBesidePerceptionTable(ward, crime({ window: q1, estimate: null, suppression: hidden, weighting: null }), false);
    expect(rows[0]).toEqual([
      "ward", "ward code", "period",
      "recorded crime", "anti-social behaviour", "recorded crime per 1,000 aged 16+", "anti-social behaviour per 1,000 aged 16+", "months loaded", "months in period",
      "feel safe after dark: numerator", "base", "percentage", "lower", "upper", "suppressed", "suppression reason", "effective base", "weighted",
    ]);
    // No month of 2023/24 Q4 is loaded: empty, not a count of nought.
    expect(rows[1]).toEqual([ward.name, "E05009449", "2023/24 Q4", null, null, null, null, 0, 3, 25, 40, 62.5, 47, 75.9, "no", "", null, "no"]);
  });

  it("gives a CSP member a suppressed figure as empty cells with its flag, and the window's crime all the same", () => {
    const { rows } = crimeBesidePerceptionTable(ward, crime({ window: q1, estimate: null, suppression: hidden, weighting: null }), false);
    expect(rows[2]).toEqual([ward.name, "E05009449", "2024/25 Q1", 1001, 100, 256.6, 25.6, 2, 3, null, null, null, null, null, "yes", "below_threshold", null, "no"]);
  });

  it("gives an administrator the suppressed figure, flagged", () => {
    const seen = { window: q1, estimate: { numerator: 8, base: 12, estimate: 8 / 12, lower: 0.3906, upper: 0.8619 }, suppression: hidden, weighting: null };
    const { rows } = crimeBesidePerceptionTable(ward, crime(seen), false);
    expect(rows[2]!.slice(9, 16)).toEqual([8, 12, 66.7, 39.1, 86.2, "yes", "below_threshold"]);
  });

  it("gives a weighted figure its effective base and no numerator", () => {
    const weighted = {
      window: q1, suppression: shown, weighting: { isWeighted: true as const, notes: [] },
      estimate: { numerator: 8, base: 40, estimate: 0.7, lower: 0.5, upper: 0.83, weighting: { effectiveBase: 31.26, designEffect: 1.28 } },
    };
    const { rows } = crimeBesidePerceptionTable(ward, crime(weighted), true);
    expect(rows[2]!.slice(9)).toEqual([null, 40, 70, 50, 83, "no", "", 31.3, "yes"]);
  });

  it("neutralises a ward name a spreadsheet would run as a formula in the CSV", () => {
    const { rows } = crimeBesidePerceptionTable(ward, crime({ window: q1, estimate: null, suppression: hidden, weighting: null }), false);
    const lines = tableCsv(rows).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://evil"")",E05009449,2024/25 Q1,1001,100,256.6,25.6,2,3,,,,,,yes,below_threshold,,no`);
  });
});
