import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { draftMappingSchema, type DraftMapping } from "./import-mapping";
import type { ExportProfile } from "./profile-export";

/** Two exports have the same shape when the same tool wrote the same column titles in the same order. */
export function shapeKey(profile: Pick<ExportProfile, "tool" | "columns">): string {
  return createHash("sha256").update(JSON.stringify([profile.tool, profile.columns.map((c) => c.title)])).digest("hex");
}

export async function findTemplate(db: Kysely<Database>, partnerSourceId: number, shape: string): Promise<DraftMapping | null> {
  const row = await db.selectFrom("import_template").select("mapping").where("partner_source_id", "=", partnerSourceId).where("shape_key", "=", shape).executeTakeFirst();
  if (row === undefined) return null;
  // A template saved by an older version of the importer that no longer parses is ignored, not trusted.
  const parsed = draftMappingSchema.safeParse(row.mapping);
  return parsed.success ? parsed.data : null;
}

export async function saveTemplate(db: Kysely<Database>, partnerSourceId: number, shape: string, mapping: DraftMapping, userId: number): Promise<void> {
  const json = JSON.stringify(mapping);
  await db
    .insertInto("import_template")
    .values({ partner_source_id: partnerSourceId, shape_key: shape, mapping: json, updated_by: userId })
    .onConflict((oc) => oc.columns(["partner_source_id", "shape_key"]).doUpdateSet({ mapping: json, updated_by: userId, updated_at: new Date() }))
    .execute();
}
