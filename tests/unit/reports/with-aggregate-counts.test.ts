import { describe, expect, it } from "vitest";
import { withAggregateCounts } from "~/lib/reports/indicator-counts";

describe("withAggregateCounts", () => {
  it("adds counts to the responses' figure for the same indicator, ward and period, and names both sources", () => {
    const responses = [{ indicatorId: 1, wardId: 7, periodId: 3, numerator: 10, base: 25, sources: ["Web"] }];
    const counts = [
      { indicatorId: 1, wardId: 7, periodId: 3, numerator: 4, base: 9, sources: ["Fire (counts)"] },
      { indicatorId: 1, wardId: 8, periodId: 3, numerator: 2, base: 5, sources: ["Fire (counts)"] },
    ];
    expect(withAggregateCounts(responses, counts)).toEqual([
      { indicatorId: 1, wardId: 7, periodId: 3, numerator: 14, base: 34, sources: ["Fire (counts)", "Web"] },
      { indicatorId: 1, wardId: 8, periodId: 3, numerator: 2, base: 5, sources: ["Fire (counts)"] },
    ]);
    expect(responses[0]!.numerator).toBe(10);
  });
});
