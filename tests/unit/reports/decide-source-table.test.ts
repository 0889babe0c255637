import { describe, expect, it } from "vitest";
import { decideSourceTable } from "~/lib/reports/response-sources";

const reasons = (decision: ReturnType<typeof decideSourceTable>) => decision.cells.map((row) => row.map((c) => c.reason));

describe("decideSourceTable", () => {
  it("protects each source's column under its total, as an indicator's ward table is", () => {
    // Web: 12 is too small, so 60 (the smaller of the rest) goes with it. Paper: nothing small.
    const decision = decideSourceTable([[80, 40], [60, 45], [12, 50]], 30);
    expect(reasons(decision)).toEqual([[null, null], ["complementary", null], ["below_threshold", null]]);
    expect(decision.sourceTotals.map((t) => [t.responses, t.suppression.isSuppressed])).toEqual([[152, false], [135, false]]);
    // Every source total is shown, so the grand total is only their sum.
    expect(decision.grandTotal).toEqual({ responses: 287, suppression: { isSuppressed: false, reason: null } });
  });

  it("hides the grand total when a source's total is hidden, so it cannot be subtracted out", () => {
    const decision = decideSourceTable([[300, 5], [250, 7]], 30);
    expect(decision.sourceTotals[1]!.suppression).toEqual({ isSuppressed: true, reason: "below_threshold" });
    expect(reasons(decision)).toEqual([[null, "below_threshold"], [null, "below_threshold"]]);
    expect(decision.grandTotal.suppression).toEqual({ isSuppressed: true, reason: "complementary" });
  });

  it("gives nothing to decide for an area with no responses", () => {
    expect(decideSourceTable([[], []], 30)).toEqual({ cells: [[], []], sourceTotals: [], grandTotal: { responses: 0, suppression: { isSuppressed: true, reason: "below_threshold" } } });
  });
});
