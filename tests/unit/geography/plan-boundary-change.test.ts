import { describe, expect, it } from "vitest";
import type { WardBoundary } from "~/lib/db/schema";
import { planBoundaryChange, type PlanInput } from "~/lib/geography/plan-boundary-change";

const square = (x: number): WardBoundary => ({ type: "Polygon", coordinates: [[[x, 52], [x + 0.01, 52], [x + 0.01, 52.01], [x, 52.01], [x, 52]]] });
const recorded = [
  { id: 1, gssCode: "E05999901", name: "Abbey Green", boundary: square(-1.5) },
  { id: 2, gssCode: "E05999902", name: "Brook Side", boundary: square(-1.49) },
  { id: 3, gssCode: "E05999903", name: "Castle Hill", boundary: square(-1.48) },
  { id: 4, gssCode: "E05999905", name: "Dale End", boundary: square(-1.47) },
];
const input = (overrides: Partial<PlanInput>): PlanInput => ({
  recorded,
  uploaded: [],
  effectiveDate: "2027-05-06",
  latestRecordedDate: "2023-05-04",
  codesInOtherAreas: new Map(),
  ...overrides,
});

describe("planBoundaryChange", () => {
  it("sorts each ward into new, changed, renamed, unchanged or ended", () => {
    const uploaded = [
      { gssCode: "E05999901", name: "Abbey Green", boundary: square(-1.501) }, // redrawn
      { gssCode: "E05999904", name: "Brook Side", boundary: square(-1.49) }, // recoded: the old code ends
      { gssCode: "E05999903", name: "Castle Hill", boundary: square(-1.48) },
      { gssCode: "E05999905", name: "Dale End and Ford", boundary: square(-1.47) },
    ];
    const plan = planBoundaryChange(input({ uploaded }));
    expect(plan.ok && plan.value.wards.map((w) => [w.gssCode, w.status, w.recordedId, w.previousName])).toEqual([
      ["E05999901", "changed", 1, null],
      ["E05999902", "ended", 2, null],
      ["E05999904", "new", null, null],
      ["E05999903", "unchanged", 3, null],
      ["E05999905", "renamed", 4, "Dale End"],
    ]);
    expect(plan.ok && plan.value.counts).toEqual({ new: 1, changed: 1, renamed: 1, ended: 1, unchanged: 1 });
  });

  it("makes every ward of a new area new, whatever the date", () => {
    const uploaded = recorded.map(({ gssCode, name, boundary }) => ({ gssCode, name, boundary }));
    const plan = planBoundaryChange(input({ recorded: [], latestRecordedDate: null, effectiveDate: "1990-01-01", uploaded }));
    expect(plan.ok && plan.value.counts).toEqual({ new: 4, changed: 0, renamed: 0, ended: 0, unchanged: 0 });
  });

  it("refuses a date on or before the area's latest recorded change", () => {
    const uploaded = [{ gssCode: "E05999906", name: "Elm", boundary: square(-1.5) }];
    expect(planBoundaryChange(input({ uploaded, effectiveDate: "2023-05-04" }))).toEqual({
      ok: false,
      error: [{ field: "effectiveDate", message: "The date the boundaries take effect must be after 4 May 2023, the area's latest recorded boundary change" }],
    });
  });

  it("refuses a ward code that belongs to another area", () => {
    const uploaded = [{ gssCode: "E05009438", name: "Arrow", boundary: square(-2.7) }];
    const plan = planBoundaryChange(input({ uploaded, codesInOtherAreas: new Map([["E05009438", "Herefordshire, County of"]]) }));
    expect(!plan.ok && plan.error[0]?.message).toBe("Ward E05009438 (Arrow) is a ward of Herefordshire, County of: remove it from the file, or choose Herefordshire, County of as the local area");
  });

  it("refuses a file that changes nothing", () => {
    const uploaded = recorded.map(({ gssCode, name, boundary }) => ({ gssCode, name, boundary: structuredClone(boundary) }));
    const plan = planBoundaryChange(input({ uploaded }));
    expect(!plan.ok && plan.error[0]?.message).toMatch(/^The wards in the file are the same as the area's current wards/);
  });
});
