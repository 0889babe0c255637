import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database, ImportKind } from "~/lib/db/schema";
import { discard, type ReceivedFile } from "~/lib/http/receive-file-upload";
import { partnerSourcesFor } from "~/lib/partners/sources-for-user";
import { err, ok, type Result } from "~/lib/result";
import { findAggregateColumns } from "./check-aggregate-return";
import { loadImportableQuestions } from "./import-bank";
import { findTemplate, shapeKey } from "./import-template";
import { identifyExport } from "./open-export";
import { profileExport } from "./profile-export";
import { suggestMapping } from "./suggest-mapping";

export type StartRefusal = { field: "partnerSource" | "exportFile"; message: string };

/**
 * Takes an uploaded export in: checks it is a CSV or a workbook this importer can read, that it
 * has not been imported already, and what is in it, then opens an import job for the officer to
 * map (for an export of responses) or to be checked at once (for an aggregate return, whose
 * columns are fixed). Nothing is imported yet. A refused file is deleted from the server at once.
 */
export async function startImport(db: Kysely<Database>, user: SessionUser, partnerSourceId: number, file: ReceivedFile, kind: ImportKind = "responses"): Promise<Result<{ jobId: number }, StartRefusal>> {
  const refuse = (refusal: StartRefusal) => {
    discard(file);
    return err(refusal);
  };
  const sources = await partnerSourcesFor(db, user);
  if (!sources.some((source) => source.id === partnerSourceId)) {
    return refuse({ field: "partnerSource", message: "Select a partner source you import for" });
  }
  const earlier = await db
    .selectFrom("import_batch")
    .innerJoin("partner_source", "partner_source.id", "import_batch.partner_source_id")
    .select(["import_batch.id", "import_batch.created_at", "partner_source.name"])
    .where("file_sha256", "=", file.sha256)
    .where("status", "=", "committed")
    .executeTakeFirst();
  if (earlier !== undefined) {
    const on = earlier.created_at.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
    return refuse({ field: "exportFile", message: `This file was already imported on ${on} for ${earlier.name} (batch ${earlier.id}). To import it again, undo that batch first` });
  }
  const exportFile = await identifyExport(file.path);
  if (!exportFile.ok) return refuse({ field: "exportFile", message: exportFile.error.message });
  const profile = await profileExport(exportFile.value);
  if (!profile.ok) return refuse({ field: "exportFile", message: profile.error.message });

  if (kind === "aggregate") {
    const columns = findAggregateColumns(profile.value.columns.map((c) => c.title));
    if (!columns.ok) return refuse({ field: "exportFile", message: columns.error });
  }
  const template = kind === "aggregate" ? null : await findTemplate(db, partnerSourceId, shapeKey(profile.value));
  const mapping = kind === "aggregate" ? null : suggestMapping(profile.value, await loadImportableQuestions(db), template);
  const job = await db
    .insertInto("import_job")
    .values({
      partner_source_id: partnerSourceId,
      kind,
      created_by: user.id,
      status: "mapping",
      original_file_name: file.originalName,
      file_sha256: file.sha256,
      file_bytes: file.bytes,
      file_path: file.path,
      file_format: exportFile.value.format,
      tool_recognised: profile.value.tool,
      profile: JSON.stringify(profile.value),
      mapping: mapping === null ? null : JSON.stringify(mapping),
      template_applied: template !== null,
      rows_total: profile.value.dataRows,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return ok({ jobId: job.id });
}
