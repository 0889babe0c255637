import busboy from "busboy";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { err, ok, type Result } from "~/lib/result";

export type ReceivedFile = {
  /** Where the bytes are on disk: a random name in the upload folder, never the sender's name. */
  path: string;
  /** The sender's file name, cleaned for showing and storing (never used as a path). */
  originalName: string;
  bytes: number;
  sha256: string;
};
export type ReceivedUpload = { fields: Record<string, string>; file: ReceivedFile | null };
export type UploadRefusal =
  | { code: "TooLarge"; message: string }
  | { code: "NotMultipart"; message: string }
  | { code: "Malformed"; message: string };

type Options = { fileField: string; maxBytes: number; folder: string };

const MAX_FIELDS = 200;
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Streams a multipart form's one file to disk, hashing it on the way, so an upload of any size
 * costs a buffer's worth of memory (Request.formData() would hold the whole file). A file over
 * `maxBytes` is refused and deleted, but the rest of the body is still read: answering before
 * the browser has finished sending shows the officer a reset connection instead of our message.
 */
export async function receiveFileUpload(request: Request, options: Options): Promise<Result<ReceivedUpload, UploadRefusal>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || request.body === null) {
    await request.body?.cancel().catch(() => undefined);
    return err({ code: "NotMultipart", message: "The form was not sent as a file upload. Use the form on this page to choose a file" });
  }
  mkdirSync(options.folder, { recursive: true });
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let tooLarge = false;
  const writes: Promise<void>[] = [];

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fileSize: options.maxBytes } });
  } catch {
    await request.body.cancel().catch(() => undefined);
    return err({ code: "Malformed", message: "The upload could not be read. Choose the file and send the form again" });
  }
  parser.on("field", (name, value) => { fields[name] = value; });
  parser.on("file", (name, stream, info) => {
    if (name !== options.fileField || info.filename === undefined || info.filename === "") {
      stream.resume();
      return;
    }
    const target = path.join(options.folder, `${randomBytes(16).toString("hex")}.upload`);
    const hash = createHash("sha256");
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    stream.on("limit", () => { tooLarge = true; });
    writes.push(
      pipeline(stream, counter, createWriteStream(target, { mode: 0o600 })).then(() => {
        if (tooLarge) rmSync(target, { force: true });
        else file = { path: target, originalName: cleanFileName(info.filename ?? ""), bytes, sha256: hash.digest("hex") };
      }),
    );
  });

  try {
    await pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch {
    await Promise.allSettled(writes);
    discard(file);
    return err({ code: "Malformed", message: "The upload stopped before the whole file arrived. Choose the file and send the form again" });
  }
  if (tooLarge) {
    discard(file);
    return err({ code: "TooLarge", message: `The selected file must be smaller than ${formatMegabytes(options.maxBytes)}` });
  }
  return ok({ fields, file });
}

/** Deletes a received file that will not be kept. */
export function discard(file: ReceivedFile | null): void {
  if (file !== null) rmSync(file.path, { force: true });
}

// Only the last path segment, without control characters, at most 200 characters: the name is
// shown back to officers and stored as provenance, never used to open anything.
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "upload" : cleaned;
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)}MB`;
}
