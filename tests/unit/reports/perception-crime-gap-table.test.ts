import { describe, expect, it } from "vitest";
import type { PerceptionCrimeGap } from "~/lib/reports/perception-crime-gap";
import { perceptionCrimeGapTable } from "~/lib/reports/perception-crime-gap-table";
import { tableCsv } from "~/lib/reports/table-download";

const ward = (id: number, gssCode: string, name: string) => ({ id, gssCode, name, nameCy: null });
const gap: PerceptionCrimeGap = {
  windowLabel: "2024/25 Q1",
  usesRates: true,
  ranked: [
    // 18 of 45 do not feel safe (40%); 12 crimes over 3,901 people is 3.076 per 1,000.
    { ward: ward(1, "E05009449", "=HYPERLINK(\"http://evil\")"), notSafe: 0.4, base: 45, isWeighted: false, crimes: 12, antiSocialBehaviour: 3, crimesPer1000: 12_000 / 3901, monthsLoaded: 3, monthsInWindow: 3, worryRank: 1, crimeRank: 0, gap: 1 },
    { ward: ward(2, "E05009486", "Tupsley"), notSafe: 0.25, base: 60, isWeighted: true, crimes: 30, antiSocialBehaviour: 0, crimesPer1000: 7.5, monthsLoaded: 3, monthsInWindow: 3, worryRank: 0, crimeRank: 1 / 3, gap: -1 / 3 },
  ],
  unranked: [
    { ward: ward(3, "E05009440", "Backbury"), reason: "Too few responses to publish", crimes: 4, antiSocialBehaviour: 1, crimesPer1000: 1.25, monthsLoaded: 3, monthsInWindow: 3 },
  ],
};

describe("perceptionCrimeGapTable", () => {
  const rows = perceptionCrimeGapTable(gap).rows;

  it("writes each ranked ward's worry, base, recorded crime, ranks and what the gap says", () => {
    expect(rows[0]).toEqual([
      "ward", "ward code", "period", "% who do not feel safe after dark", "base",
      "recorded crime", "anti-social behaviour", "recorded crime per 1,000 aged 16+", "months loaded", "months in period",
      "worry rank", "crime rank", "gap", "description", "weighted",
    ]);
    expect(rows[2]).toEqual(["Tupsley", "E05009486", "2024/25 Q1", 25, 60, 30, 0, 7.5, 3, 3, 0, 0.333, -0.333, "Less worry than recorded crime suggests", "yes"]);
  });

  it("lists a ward left out with its reason and recorded crime, and no perception figure or base", () => {
    expect(rows[3]).toEqual(["Backbury", "E05009440", "2024/25 Q1", null, null, 4, 1, 1.3, 3, 3, null, null, null, "Not ranked: Too few responses to publish", ""]);
  });

  it("neutralises a ward name a spreadsheet would run as a formula in the CSV", () => {
    const lines = tableCsv(rows).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"")",E05009449,2024/25 Q1,40,45,12,3,3.1,3,3,1,0,1,More worry than recorded crime suggests,no`);
    expect(lines[3]).toBe("Backbury,E05009440,2024/25 Q1,,,4,1,1.3,3,3,,,,Not ranked: Too few responses to publish,");
  });
});
