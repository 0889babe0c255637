import type { StreetCrimeFile } from "./tally-street-crime";

/** What a multipart form gives for each file: a File has all three. */
export type UploadedFile = { name: string; size: number; stream(): ReadableStream<Uint8Array> };

/** The uploaded CSV files, each read as a stream of bytes when the tally comes to it. */
export async function* streetCrimeFilesOf(uploads: readonly UploadedFile[]): AsyncGenerator<StreetCrimeFile> {
  for (const upload of uploads) yield { name: upload.name, bytes: bytesOf(upload.stream()) };
}

async function* bytesOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
