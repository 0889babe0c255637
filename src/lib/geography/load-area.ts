import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import type { AreaConfig } from "./area-config";
import { parseWardBoundaries } from "./ward-boundaries";

export type LoadedArea = { localAreaId: number; wardsInFile: number; wardsAdded: number };

/**
 * Seeds a CSP's local area and wards from its configuration. Idempotent: a ward already stored
 * with the same code and start date is left alone, so re-running never overwrites what an
 * administrator has since recorded (a boundary change, a Welsh name).
 */
export async function loadArea(db: Kysely<Database>, area: AreaConfig): Promise<LoadedArea> {
  const json = JSON.parse(await readFile(area.boundariesPath, "utf8")) as unknown;
  const parsed = parseWardBoundaries(json, area.wards);
  if (!parsed.ok) {
    const lines = parsed.error.map((p) => (p.feature === null ? p.reason : `feature ${p.feature} ${p.reason}`));
    throw new Error(`The ward boundaries in ${area.boundariesPath} are not usable:\n  - ${lines.join("\n  - ")}`);
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("local_area")
      .values({
        gss_code: area.localArea.gssCode,
        name: area.localArea.name,
        partnership_name: area.partnershipName,
        boundary_attribution: area.attribution.join("\n"),
      })
      .onConflict((oc) => oc.column("gss_code").doNothing())
      .execute();
    const { id: localAreaId } = await trx
      .selectFrom("local_area")
      .select("id")
      .where("gss_code", "=", area.localArea.gssCode)
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto("ward")
      .values(
        parsed.value.map((ward) => ({
          local_area_id: localAreaId,
          gss_code: ward.gssCode,
          name: ward.name,
          name_cy: null,
          boundary: JSON.stringify(ward.boundary),
          valid_from: area.wards.validFrom,
          valid_to: null,
        })),
      )
      .onConflict((oc) => oc.columns(["gss_code", "valid_from"]).doNothing())
      .returning("id")
      .execute();
    return { localAreaId, wardsInFile: parsed.value.length, wardsAdded: inserted.length };
  });
}
