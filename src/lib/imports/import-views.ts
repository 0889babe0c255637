import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import type { Database, ImportJobStatus, ImportKind } from "~/lib/db/schema";
import { listCurrentWards } from "~/lib/geography/current-wards";
import { todayInUk } from "~/lib/periods/uk-date";
import type { CheckSummary } from "./check-import";
import { loadImportableQuestions, type ImportableQuestion } from "./import-bank";
import { draftMappingSchema, type DraftMapping } from "./import-mapping";
import type { ExportProfile } from "./profile-export";

export type ImportJobView = {
  id: number;
  kind: ImportKind;
  status: ImportJobStatus;
  partnerSource: string;
  fileName: string;
  fileBytes: number;
  tool: string;
  profile: ExportProfile;
  mapping: DraftMapping;
  templateApplied: boolean;
  rowsTotal: number;
  rowsProcessed: number;
  summary: CheckSummary | null;
  failure: string | null;
  batchId: number | null;
  createdAt: Date;
};

/** A job its officer (or an administrator) may see; null for anyone else, as if it did not exist. */
export async function findImportJob(db: Kysely<Database>, user: SessionUser, jobId: number): Promise<ImportJobView | null> {
  // An id from the address that is not a whole number in range names no job.
  if (!Number.isSafeInteger(jobId) || jobId < 1 || jobId > 2_147_483_647) return null;
  const row = await db.selectFrom("import_job").innerJoin("partner_source", "partner_source.id", "import_job.partner_source_id")
    .selectAll("import_job").select("partner_source.name as partner_source_name")
    .where("import_job.id", "=", jobId).executeTakeFirst();
  if (row === undefined || (user.role !== "administrator" && row.created_by !== user.id)) return null;
  const mapping = draftMappingSchema.safeParse(row.mapping);
  return {
    id: row.id, kind: row.kind, status: row.status, partnerSource: row.partner_source_name, fileName: row.original_file_name, fileBytes: Number(row.file_bytes),
    tool: row.tool_recognised, profile: row.profile as ExportProfile,
    mapping: mapping.success ? mapping.data : { respondentIdColumn: null, ward: null, date: null, questions: [] },
    templateApplied: row.template_applied, rowsTotal: row.rows_total, rowsProcessed: row.rows_processed,
    summary: row.summary as CheckSummary | null, failure: row.failure, batchId: row.import_batch_id, createdAt: row.created_at,
  };
}

export type OpenJob = { id: number; status: ImportJobStatus; fileName: string; partnerSource: string; createdAt: Date };

/** Imports started and not yet committed or cancelled: the officer's own, or everyone's for an administrator. */
export async function listOpenImportJobs(db: Kysely<Database>, user: SessionUser): Promise<OpenJob[]> {
  let query = db.selectFrom("import_job").innerJoin("partner_source", "partner_source.id", "import_job.partner_source_id")
    .select(["import_job.id", "import_job.status", "import_job.original_file_name as fileName", "partner_source.name as partnerSource", "import_job.created_at as createdAt"])
    .where("import_job.status", "not in", ["committed", "cancelled"]).orderBy("import_job.id", "desc");
  if (user.role !== "administrator") query = query.where("import_job.created_by", "=", user.id);
  return query.execute();
}

export type BatchHistoryEntry = {
  id: number; kind: ImportKind; partnerSource: string; tool: string; fileName: string; importedBy: string | null; importedAt: Date;
  rowsRead: number; rowsImported: number; rowsSkipped: number; status: "committed" | "undone"; undoneAt: Date | null; canUndo: boolean;
};

/** Every batch, newest first, with its provenance; an officer sees the batches of their own partner sources. */
export async function listImportBatches(db: Kysely<Database>, user: SessionUser): Promise<BatchHistoryEntry[]> {
  let query = db.selectFrom("import_batch")
    .innerJoin("partner_source", "partner_source.id", "import_batch.partner_source_id")
    .leftJoin("app_user", "app_user.id", "import_batch.imported_by")
    .select(["import_batch.id", "import_batch.kind", "partner_source.name as partnerSource", "import_batch.tool_recognised as tool", "import_batch.original_file_name as fileName",
      "app_user.display_name as importedBy", "import_batch.imported_by", "import_batch.created_at as importedAt", "import_batch.rows_read as rowsRead",
      "import_batch.rows_imported as rowsImported", "import_batch.rows_skipped as rowsSkipped", "import_batch.status", "import_batch.undone_at as undoneAt"])
    .orderBy("import_batch.id", "desc");
  if (user.role !== "administrator") {
    query = query.where("import_batch.partner_source_id", "in", db.selectFrom("user_partner_source").select("partner_source_id").where("user_id", "=", user.id));
  }
  const rows = await query.execute();
  return rows.map(({ imported_by, ...row }) => ({ ...row, canUndo: row.status === "committed" && (user.role === "administrator" || imported_by === user.id) }));
}

export type MappingChoices = { questions: ImportableQuestion[]; periods: { id: number; label: string }[]; wards: { id: number; name: string }[] };

export async function loadMappingChoices(db: Kysely<Database>): Promise<MappingChoices> {
  const [questions, periods, wards] = await Promise.all([
    loadImportableQuestions(db),
    db.selectFrom("reporting_period").select(["id", "label"]).orderBy("starts_on", "desc").execute(),
    listCurrentWards(db, todayInUk()),
  ]);
  return { questions, periods, wards: wards.map((w) => ({ id: w.id, name: w.name })) };
}
