import type { Kysely, Transaction } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { takePendingUpload } from "~/lib/forms/pending-upload";
import { err, ok, type Result } from "~/lib/result";
import { boundaryChangeRequestSchema, type BoundaryChangeRequest } from "./boundary-change-request";
import { planBoundaryChange, type BoundaryChangePlan, type PlanProblem, type WardStatus } from "./plan-boundary-change";
import { findRecordedAreaWards } from "./recorded-area-wards";

export type RecordedBoundaryChange = {
  areaGssCode: string;
  areaName: string;
  isNewArea: boolean;
  effectiveDate: string;
  counts: Record<WardStatus, number>;
};

const EXPIRED: PlanProblem = { field: "boundariesFile", message: "The preview has expired or the wards have already been saved: upload the file again" };

/**
 * Saves the wards an administrator previewed, as a boundary change with dates, in one transaction:
 * unchanged wards stay as they are (renamed ones take the new name); changed and ended wards end on
 * the effective date; new and changed wards start on it. Responses keep their ward ids, so a
 * response given in an ended ward keeps that ward. A new local area is added with its partnership
 * and attribution. The plan is made again inside the transaction, with the area's row locked,
 * so a change saved by someone else since the preview is not overwritten.
 */
export async function recordBoundaryChange(
  db: Kysely<Database>,
  actor: { id: number; email: string },
  uploadId: string,
  now = new Date(),
): Promise<Result<RecordedBoundaryChange, PlanProblem[]>> {
  return db.transaction().execute(async (trx) => {
    const pending = boundaryChangeRequestSchema.safeParse(await takePendingUpload(trx, { id: uploadId, kind: "ward_boundaries", userId: actor.id, now }));
    if (!pending.success) return err([EXPIRED]);
    const request: BoundaryChangeRequest = pending.data;
    const { area } = request;

    await trx.selectFrom("local_area").select("id").where("gss_code", "=", area.gssCode).forUpdate().execute();
    const recorded = await findRecordedAreaWards(trx, area.gssCode);
    if (area.kind === "new" && recorded.localArea !== null) {
      return err([{ field: "boundariesFile", message: `${area.gssCode} has been set up as ${recorded.localArea.name} since the preview: upload the file again to compare it with that area's wards` }]);
    }
    const plan = planBoundaryChange({ ...recorded, uploaded: request.wards, effectiveDate: request.effectiveDate });
    if (!plan.ok) return plan;

    const localArea = recorded.localArea ?? (area.kind === "new" ? await insertLocalArea(trx, area) : null);
    if (localArea === null) throw new Error(`Local area ${area.gssCode} vanished between preview and save`);
    await applyPlan(trx, localArea.id, request, plan.value);

    const { counts } = plan.value;
    await recordAuditEvent(trx, {
      actor,
      action: area.kind === "new" ? "area_loaded" : "boundary_change_recorded",
      object: { type: "local_area", id: area.gssCode },
      detail: { effectiveDate: request.effectiveDate, fileName: request.fileName, ...counts },
    });
    return ok({ areaGssCode: area.gssCode, areaName: localArea.name, isNewArea: area.kind === "new", effectiveDate: request.effectiveDate, counts });
  });
}

async function insertLocalArea(trx: Transaction<Database>, area: Extract<BoundaryChangeRequest["area"], { kind: "new" }>) {
  return trx
    .insertInto("local_area")
    .values({ gss_code: area.gssCode, name: area.name, partnership_name: area.partnershipName, boundary_attribution: area.attribution.join("\n") })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
}

async function applyPlan(trx: Transaction<Database>, localAreaId: number, request: BoundaryChangeRequest, plan: BoundaryChangePlan): Promise<void> {
  const { effectiveDate } = request;
  const ending = plan.wards.filter((ward) => ward.status === "changed" || ward.status === "ended").map((ward) => ward.recordedId!);
  // A redrawn ward keeps any Welsh name an administrator gave it, as long as its name is the same.
  const welshNames = new Map<string, string | null>();
  if (ending.length > 0) {
    const ended = await trx.selectFrom("ward").select(["gss_code", "name", "name_cy"]).where("id", "in", ending).execute();
    ended.forEach((ward) => welshNames.set(`${ward.gss_code} ${ward.name}`, ward.name_cy));
    await trx.updateTable("ward").set({ valid_to: effectiveDate }).where("id", "in", ending).execute();
  }
  // A renamed ward's Welsh name was a translation of the old name, so it is cleared, not kept.
  for (const ward of plan.wards.filter((w) => w.status === "renamed")) {
    await trx.updateTable("ward").set({ name: ward.name, name_cy: null }).where("id", "=", ward.recordedId!).execute();
  }
  const starting = new Set(plan.wards.filter((ward) => ward.status === "new" || ward.status === "changed").map((ward) => ward.gssCode));
  const rows = request.wards
    .filter((ward) => starting.has(ward.gssCode))
    .map((ward) => ({
      local_area_id: localAreaId,
      gss_code: ward.gssCode,
      name: ward.name,
      name_cy: welshNames.get(`${ward.gssCode} ${ward.name}`) ?? null,
      boundary: JSON.stringify(ward.boundary),
      valid_from: effectiveDate,
      valid_to: null,
    }));
  if (rows.length > 0) await trx.insertInto("ward").values(rows).execute();
}
