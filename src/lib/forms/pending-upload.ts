import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "~/lib/db/schema";

/*
 * An upload kept between its preview and its confirmation. Without JavaScript a file input cannot
 * be filled in again, so the preview page posts back only a random id; the checked contents wait
 * in pending_upload under the id's SHA-256 (a leaked table cannot be replayed, as for one-time
 * links). Only the person who uploaded can take it, once, within the hour.
 */

/** An hour: long enough to check a preview, short enough that stale previews do not pile up. */
export const PENDING_UPLOAD_LIFETIME_MS = 60 * 60 * 1000;

export type PendingUploadKind = "ward_boundaries" | "recorded_crime";

const ID_BYTES = 20;
const ID_SHAPE = /^[a-z2-7]{32}$/;

const hashId = (id: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(id)));

/** Keeps a checked upload and returns the id to post back from the preview page. */
export async function keepPendingUpload(
  db: Kysely<Database>,
  upload: { kind: PendingUploadKind; payload: unknown; createdBy: number; now?: Date },
): Promise<string> {
  const bytes = new Uint8Array(ID_BYTES);
  crypto.getRandomValues(bytes);
  const id = encodeBase32LowerCaseNoPadding(bytes);
  const now = upload.now ?? new Date();
  await db
    .insertInto("pending_upload")
    .values({
      id_hash: hashId(id),
      kind: upload.kind,
      payload: JSON.stringify(upload.payload),
      created_by: upload.createdBy,
      expires_at: new Date(now.getTime() + PENDING_UPLOAD_LIFETIME_MS),
    })
    .execute();
  return id;
}

/**
 * Deletes and returns the upload's contents, or null when the id is unknown, expired, of another
 * kind or someone else's. Deleting as it reads makes a double-clicked "Save" act once; run it in
 * the transaction that saves, so a failed save leaves the upload to try again.
 */
export async function takePendingUpload(
  db: Kysely<Database> | Transaction<Database>,
  { id, kind, userId, now = new Date() }: { id: string; kind: PendingUploadKind; userId: number; now?: Date },
): Promise<unknown> {
  if (!ID_SHAPE.test(id)) return null;
  const row = await db
    .deleteFrom("pending_upload")
    .where("id_hash", "=", hashId(id))
    .where("kind", "=", kind)
    .where("created_by", "=", userId)
    .where("expires_at", ">", now)
    .returning("payload")
    .executeTakeFirst();
  return row?.payload ?? null;
}

/** Removes uploads nobody saved; called whenever a new one is kept, so no scheduler is needed. */
export async function deleteExpiredPendingUploads(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom("pending_upload").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
