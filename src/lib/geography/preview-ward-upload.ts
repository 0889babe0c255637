import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { areaUploadSchema, issuesAsProblems } from "./area-upload-form";
import { previewBoundaryChange, type BoundaryChangePreview } from "./preview-boundary-change";
import { readWardUpload } from "./read-ward-upload";

export type UploadedText = { fileName: string; text: string };
export type WardUploadProblem = { field: string; message: string };
/** The preview, with where the codes and names were read from, since they may have been detected. */
export type WardUploadPreview = BoundaryChangePreview & { read: { codeProperty: string; nameProperty: string; namesFromCsv: number } };

/**
 * The "Load wards" form from start to preview: the answers, the ward boundaries file and the
 * optional CSV of ward names are all checked, so every problem is reported at once; only when
 * there are none is the upload compared with the area's wards and kept for "Save these wards".
 * Nothing is written when there is a problem.
 */
export async function previewWardUpload(
  db: Kysely<Database>,
  actor: { id: number },
  input: { values: Record<string, unknown>; boundaries: UploadedText | null; names: UploadedText | null },
  now = new Date(),
): Promise<Result<WardUploadPreview, WardUploadProblem[]>> {
  const parsed = areaUploadSchema.safeParse(input.values);
  const problems: WardUploadProblem[] = parsed.success ? [] : issuesAsProblems(parsed.error);
  if (input.boundaries === null) {
    problems.push({ field: "boundariesFile", message: "Select the GeoJSON file of the area's ward boundaries" });
    return err(problems);
  }
  const text = (name: string) => (typeof input.values[name] === "string" ? (input.values[name] as string) : "");
  const upload = await readWardUpload(input.boundaries.text, {
    codeProperty: text("codeProperty"),
    nameProperty: text("nameProperty"),
    namesCsv: input.names?.text ?? null,
  });
  if (!upload.ok) problems.push(...upload.error);
  if (!parsed.success || !upload.ok) return err(problems);

  const { area, effectiveDate } = parsed.data;
  const { wards, codeProperty, nameProperty, namesFromCsv } = upload.value;
  const preview = await previewBoundaryChange(db, actor, { area, effectiveDate, fileName: input.boundaries.fileName, wards }, now);
  return preview.ok ? ok({ ...preview.value, read: { codeProperty, nameProperty, namesFromCsv } }) : preview;
}
