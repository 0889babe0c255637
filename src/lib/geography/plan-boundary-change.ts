import type { WardBoundary } from "~/lib/db/schema";
import { formatLongDate } from "~/lib/periods/format-long-date";
import { err, ok, type Result } from "~/lib/result";
import type { WardFeature } from "./ward-boundaries";

/**
 * What happens to each ward when the uploaded wards take effect:
 * - new: a code not among the area's current wards (a new ward, or an old one recoded);
 * - unchanged: same code and boundary, so the ward and its id carry on;
 * - renamed: same code and boundary under a new name, changed in place, so the ward carries on;
 * - changed: same code, redrawn boundary, so the old ward ends and a new one starts;
 * - ended: a current ward the file does not have.
 */
export type WardStatus = "new" | "unchanged" | "renamed" | "changed" | "ended";
export const WARD_STATUSES: readonly WardStatus[] = ["new", "changed", "renamed", "ended", "unchanged"];

/** One of the area's wards with no end date. */
export type RecordedWard = { id: number; gssCode: string; name: string; boundary: WardBoundary };
export type PlannedWard = { gssCode: string; name: string; status: WardStatus; previousName: string | null; recordedId: number | null };
export type BoundaryChangePlan = { effectiveDate: string; wards: PlannedWard[]; counts: Record<WardStatus, number> };
export type PlanProblem = { field: "effectiveDate" | "boundariesFile"; message: string };

export type PlanInput = {
  /** The area's wards with no end date; empty for a new area. */
  recorded: readonly RecordedWard[];
  uploaded: readonly WardFeature[];
  effectiveDate: string;
  /** The latest valid_from or valid_to among all the area's wards, or null for a new area. */
  latestRecordedDate: string | null;
  /** Codes of wards in other local areas, with the area's name. */
  codesInOtherAreas: ReadonlyMap<string, string>;
};

/**
 * Compares an upload with the area's current wards. Boundaries match only when identical (type and
 * every coordinate): a file generalised differently counts as redrawn, which is safe, because
 * the administrator sees that in the preview before saving. Refuses a date on or before the area's
 * latest recorded change (changes are recorded in order, and a ward cannot end before it starts),
 * codes that belong to another area, and a file that changes nothing.
 */
export function planBoundaryChange(input: PlanInput): Result<BoundaryChangePlan, PlanProblem[]> {
  const { recorded, uploaded, effectiveDate, latestRecordedDate, codesInOtherAreas } = input;
  const problems: PlanProblem[] = [];
  if (latestRecordedDate !== null && effectiveDate <= latestRecordedDate) {
    problems.push({
      field: "effectiveDate",
      message: `The date the boundaries take effect must be after ${formatLongDate(latestRecordedDate)}, the area's latest recorded boundary change`,
    });
  }
  for (const ward of uploaded) {
    const otherArea = codesInOtherAreas.get(ward.gssCode);
    if (otherArea !== undefined) {
      problems.push({ field: "boundariesFile", message: `Ward ${ward.gssCode} (${ward.name}) is a ward of ${otherArea}: remove it from the file, or choose ${otherArea} as the local area` });
    }
  }
  if (problems.length > 0) return err(problems);

  const byCode = new Map(recorded.map((ward) => [ward.gssCode, ward]));
  const uploadedCodes = new Set(uploaded.map((ward) => ward.gssCode));
  const wards: PlannedWard[] = uploaded.map((ward) => {
    const current = byCode.get(ward.gssCode);
    if (!current) return { gssCode: ward.gssCode, name: ward.name, status: "new", previousName: null, recordedId: null };
    const status: WardStatus = !isSameBoundary(current.boundary, ward.boundary) ? "changed" : current.name !== ward.name ? "renamed" : "unchanged";
    return { gssCode: ward.gssCode, name: ward.name, status, previousName: current.name === ward.name ? null : current.name, recordedId: current.id };
  });
  for (const ward of recorded) {
    if (!uploadedCodes.has(ward.gssCode)) wards.push({ gssCode: ward.gssCode, name: ward.name, status: "ended", previousName: null, recordedId: ward.id });
  }
  wards.sort((a, b) => a.name.localeCompare(b.name, "en-GB") || a.gssCode.localeCompare(b.gssCode));

  const counts = Object.fromEntries(WARD_STATUSES.map((status) => [status, 0])) as Record<WardStatus, number>;
  for (const ward of wards) counts[ward.status] += 1;
  if (counts.unchanged === wards.length) {
    return err([{ field: "boundariesFile", message: "The wards in the file are the same as the area's current wards, so there is no boundary change to record: choose the file with the new boundaries" }]);
  }
  return ok({ effectiveDate, wards, counts });
}

export function isSameBoundary(a: WardBoundary, b: WardBoundary): boolean {
  return a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);
}

