import { describe, expect, it } from "vitest";
import { benjaminiHochberg } from "~/lib/stats/benjamini-hochberg";

// Benjamini and Hochberg (1995), JRSS B 57:289-300, worked example: the 15 p-values of the
// thrombolysis example. The paper rejects the four smallest at q = 0.05.
const PAPER = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
const round6 = (values: number[]) => values.map((v) => Math.round(v * 1e6) / 1e6);

describe("benjaminiHochberg", () => {
  it("rejects the four smallest of the paper's fifteen p-values at q = 0.05", () => {
    const result = benjaminiHochberg(PAPER, 0.05);
    expect(result.isDiscovery).toEqual([true, true, true, true, ...Array(11).fill(false)]);
  });

  it("gives the adjusted p-values SciPy's false_discovery_control(method='bh') gives", () => {
    // Confirmed with SciPy 1.17.1 on this machine.
    expect(round6(benjaminiHochberg(PAPER).adjusted)).toEqual([
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857, 0.063857, 0.0645, 0.0765, 0.486, 0.581182, 0.714875, 0.753231, 0.813214, 1,
    ]);
  });

  it("keeps the input order and rejects less than testing each at 5% would", () => {
    // Each of 0.04, 0.01 and 0.03 is below 0.05 on its own; together only 0.01 survives.
    const result = benjaminiHochberg([0.04, 0.01, 0.03, 0.5], 0.05);
    expect(result.isDiscovery).toEqual([false, true, false, false]);
    expect(round6(result.adjusted)).toEqual([0.053333, 0.04, 0.053333, 0.5]);
  });

  it("handles no p-values and a single one", () => {
    expect(benjaminiHochberg([])).toEqual({ isDiscovery: [], adjusted: [] });
    expect(benjaminiHochberg([0.03])).toEqual({ isDiscovery: [true], adjusted: [0.03] });
  });

  it("refuses a p-value or a rate out of range", () => {
    expect(() => benjaminiHochberg([1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
    expect(() => benjaminiHochberg([0.1], 0)).toThrow(RangeError);
  });
});
