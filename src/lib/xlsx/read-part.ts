import type { Readable } from "node:stream";
import zlib from "node:zlib";
import type { Entry, ZipFile } from "yauzl";
import { damaged, tooLarge, XlsxUnreadable } from "./xlsx-unreadable";

/** The limit on bytes inflated from one workbook, and what is left of it; every part read spends from it. */
export type InflateBudget = { limitBytes: number; remainingBytes: number };

// APPNOTE.TXT 4.4.5: the only two methods Office writes.
const STORED = 0;
const DEFLATED = 8;

/**
 * Yields a part's bytes as they are inflated, counting them. Refuses, as soon as a chunk takes
 * the count past it, more than the budget allows (TooLarge) or more than the part's declared
 * size (Damaged): the declared size is what openWorkbookArchive checked, and a zip bomb lies
 * about it. So at most one chunk (16 KiB, zlib's default) past the limit reaches this code, plus
 * whatever the inflater has buffered ahead, which its stream's back-pressure bounds.
 *
 * yauzl is asked for the raw bytes and they are inflated here, so that the counting, the
 * refusals and the clean-up (destroying both streams, on error and on an early return) are ours.
 */
export async function* readPart(zip: ZipFile, entry: Entry, budget: InflateBudget): AsyncGenerator<Uint8Array, void, undefined> {
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw damaged(`${entry.fileName} is compressed in a way Excel does not use`);
  }
  let raw: Readable;
  try {
    raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  } catch (error) {
    throw damaged(`${entry.fileName} cannot be found where the list of parts says it is`, error);
  }
  const inflater = entry.compressionMethod === DEFLATED ? zlib.createInflateRaw() : null;
  // pipe() does not pass errors on: a read error must end the inflater's stream too.
  raw.on("error", (error) => inflater?.destroy(error));
  let partBytes = 0;
  try {
    for await (const chunk of (inflater === null ? raw : raw.pipe(inflater)) as AsyncIterable<Buffer>) {
      partBytes += chunk.length;
      budget.remainingBytes -= chunk.length;
      if (budget.remainingBytes < 0) throw tooLarge(budget.limitBytes);
      if (partBytes > entry.uncompressedSize) throw damaged(`${entry.fileName} expands to more than the workbook says it does`);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof XlsxUnreadable) throw error;
    throw damaged(`${entry.fileName} cannot be unpacked`, error);
  } finally {
    // yauzl's README: unpipe before destroy. Errors after this point are nobody's concern.
    raw.unpipe();
    raw.destroy();
    if (inflater !== null) {
      inflater.on("error", () => undefined);
      inflater.destroy();
    }
  }
  if (partBytes < entry.uncompressedSize) throw damaged(`${entry.fileName} is shorter than the workbook says it is`);
}
