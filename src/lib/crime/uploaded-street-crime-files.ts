import { streetCrimeFilesInZip, type ZipLimits } from "./street-crime-zip";
import type { StreetCrimeFile } from "./tally-street-crime";

/** What a multipart form gives for each file: a File is one. */
export type UploadedFile = Pick<Blob, "size" | "slice" | "stream" | "arrayBuffer"> & { name: string };

/**
 * What the street-level files may unpack to in all: a force's month is about 3 MB of CSV, so
 * 600 MB is some fifteen years of West Mercia. Entries: a folder and up to three files a month.
 */
export const MAX_UNPACKED_BYTES = 600_000_000;
export const MAX_ZIP_ENTRIES = 5_000;
const defaultLimits = (): ZipLimits => ({ maxEntries: MAX_ZIP_ENTRIES, budget: { limitBytes: MAX_UNPACKED_BYTES, remainingBytes: MAX_UNPACKED_BYTES } });

// APPNOTE.TXT 4.3.7 and 4.3.16: a local file header, or the end record an empty ZIP starts with.
const ZIP_SIGNATURES = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]];

/**
 * The street-level CSV files an officer uploaded, each read as a stream of bytes when the tally
 * comes to it: a CSV file as it is, and a ZIP (known by its first bytes, whatever its name) as
 * the street files inside it (street-crime-zip.ts). One unpacking budget covers every ZIP.
 */
export async function* streetCrimeFilesOf(uploads: readonly UploadedFile[], limits: ZipLimits = defaultLimits()): AsyncGenerator<StreetCrimeFile> {
  for (const upload of uploads) {
    const head = new Uint8Array(await upload.slice(0, 4).arrayBuffer());
    if (ZIP_SIGNATURES.some((signature) => signature.every((byte, i) => head[i] === byte))) {
      yield* streetCrimeFilesInZip(upload.name, Buffer.from(await upload.arrayBuffer()), limits);
    } else {
      yield { name: upload.name, bytes: bytesOf(upload.stream()) };
    }
  }
}

async function* bytesOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
