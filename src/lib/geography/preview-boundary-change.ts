import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { deleteExpiredPendingUploads, keepPendingUpload } from "~/lib/forms/pending-upload";
import { err, ok, type Result } from "~/lib/result";
import type { BoundaryChangeRequest } from "./boundary-change-request";
import { planBoundaryChange, type BoundaryChangePlan } from "./plan-boundary-change";
import { findRecordedAreaWards } from "./recorded-area-wards";
import { projectWards, type WardMap } from "./ward-map-svg";

export type BoundaryChangePreview = {
  /** Posted back by "Save these wards"; see pending-upload.ts. */
  uploadId: string;
  areaName: string;
  isNewArea: boolean;
  plan: BoundaryChangePlan;
  /** The uploaded wards drawn for the preview; null if they cover no area to draw. */
  map: WardMap | null;
};
export type PreviewProblem = { field: "area" | "newAreaCode" | "effectiveDate" | "boundariesFile"; message: string };

/**
 * Compares a checked upload with the area's current wards and keeps it for an hour, so the
 * administrator can check the plan and the map before anything changes. Writes nothing else.
 */
export async function previewBoundaryChange(
  db: Kysely<Database>,
  actor: { id: number },
  request: BoundaryChangeRequest,
  now = new Date(),
): Promise<Result<BoundaryChangePreview, PreviewProblem[]>> {
  const { area } = request;
  const recorded = await findRecordedAreaWards(db, area.gssCode);
  if (area.kind === "existing" && recorded.localArea === null) {
    return err([{ field: "area", message: "Select the local area the wards are for" }]);
  }
  if (area.kind === "new" && recorded.localArea !== null) {
    return err([{ field: "newAreaCode", message: `${area.gssCode} is already set up as ${recorded.localArea.name}: select it as the local area instead of a new area` }]);
  }
  const plan = planBoundaryChange({ ...recorded, uploaded: request.wards, effectiveDate: request.effectiveDate });
  if (!plan.ok) return plan;

  await deleteExpiredPendingUploads(db, now);
  const uploadId = await keepPendingUpload(db, { kind: "ward_boundaries", payload: request, createdBy: actor.id, now });
  return ok({
    uploadId,
    areaName: area.kind === "new" ? area.name : recorded.localArea!.name,
    isNewArea: area.kind === "new",
    plan: plan.value,
    map: drawWards(request.wards),
  });
}

function drawWards(wards: BoundaryChangeRequest["wards"]): WardMap | null {
  try {
    return projectWards(wards, { width: 600 });
  } catch (error) {
    if (error instanceof RangeError) return null; // wards with no extent pass the checks but cannot be drawn
    throw error;
  }
}
