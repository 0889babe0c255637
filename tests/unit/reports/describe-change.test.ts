import { describe, expect, it } from "vitest";
import { describeChange } from "~/lib/reports/describe-change";
import { windowsEndingAt } from "~/lib/reports/reporting-windows";

describe("describeChange", () => {
  it("calls a change real only when its interval excludes zero", () => {
    expect(describeChange({ difference: 0.062, lower: 0.01, upper: 0.11, isSignificant: true }, "2026/27 Q1", 0.95)).toBe(
      "Up 6 points since 2026/27 Q1, a real change at 95% confidence",
    );
    expect(describeChange({ difference: -0.15, lower: -0.25, upper: -0.05, isSignificant: true }, "2026/27 Q1", 0.99)).toBe(
      "Down 15 points since 2026/27 Q1, a real change at 99% confidence",
    );
    expect(describeChange({ difference: 0.08, lower: -0.02, upper: 0.18, isSignificant: false }, "2026/27 Q1", 0.95)).toBe("No clear change since 2026/27 Q1");
    expect(describeChange(null, null, 0.95)).toBe("No comparison available");
  });
});

describe("windowsEndingAt", () => {
  const periods = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => ({ id, label: `Q${id}`, startsOn: `2025-0${id}-01` }));

  it("compares a quarter with the quarter before", () => {
    const windows = windowsEndingAt(periods, 5, "quarter")!;
    expect(windows.current.periods.map((p) => p.id)).toEqual([5]);
    expect(windows.previous?.periods.map((p) => p.id)).toEqual([4]);
  });

  it("pools four quarters and compares them with the four before, never overlapping", () => {
    const windows = windowsEndingAt(periods, 8, "rolling_year")!;
    expect(windows.current.periods.map((p) => p.id)).toEqual([5, 6, 7, 8]);
    expect(windows.previous?.periods.map((p) => p.id)).toEqual([1, 2, 3, 4]);
    expect(windows.current.label).toBe("4 quarters to Q8");
    expect(windowsEndingAt(periods, 3, "rolling_year")!.previous).toBeNull();
  });

  it("knows no period that does not exist", () => {
    expect(windowsEndingAt(periods, 99, "quarter")).toBeNull();
  });
});
