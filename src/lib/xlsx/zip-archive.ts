import { crc32, deflateRawSync } from "node:zlib";

/**
 * One file in a ZIP: its name, its deflated bytes, and the CRC-32 and size of the bytes before
 * deflating, which the headers declare. deflateZipEntry makes one; a test fixture may make one
 * by hand (a zip bomb declares a size that is not the real one).
 */
export type ZipEntry = { name: string; deflated: Uint8Array; crc32: number; size: number };

// APPNOTE.TXT: 4.3.7 local file header, 4.3.12 central directory header, 4.3.16 end of central
// directory record. No ZIP64, so at most 65,535 entries and 4 GiB, far past any workbook we write.
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: deflate
const UTF8_NAMES = 0x0800; // general purpose bit 11
const DEFLATED = 8;
// 1 January 1980 00:00 in MS-DOS form (APPNOTE 4.4.6), the earliest a ZIP can say: a fixed time
// makes the same workbook give the same bytes, so fixtures do not change when regenerated.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MAX_32 = 0xffffffff;

export function deflateZipEntry(name: string, content: Uint8Array): ZipEntry {
  return { name, deflated: deflateRawSync(content), crc32: crc32(content), size: content.length };
}

/** A ZIP archive of the entries, in order, each deflated (method 8). */
export function zipArchive(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length > 0xffff) throw new RangeError(`zipArchive: ${entries.length} entries need ZIP64, which this writer does not do`);
  const pieces: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    if (entry.size > MAX_32 || entry.deflated.length > MAX_32 || offset > MAX_32) throw new RangeError("zipArchive: the archive needs ZIP64, which this writer does not do");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    writeCommonFields(local, 6, entry);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4); // made by: MS-DOS (high byte 0), version 2.0
    header.writeUInt16LE(VERSION, 6);
    writeCommonFields(header, 8, entry);
    header.writeUInt16LE(name.length, 28);
    // 30-41: extra field and comment lengths, disk number, internal and external attributes: all 0.
    header.writeUInt32LE(offset, 42);
    central.push(header, name);

    pieces.push(local, name, entry.deflated);
    offset += local.length + name.length + entry.deflated.length;
  }
  const centralSize = central.reduce((total, piece) => total + piece.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  // 4-7: this disk and the disk where the central directory starts: both 0.
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20); // comment length
  return Buffer.concat([...pieces, ...central, end]);
}

/** Flags, method, time, date, CRC-32 and sizes: the same run of fields in both headers. */
function writeCommonFields(header: Buffer, at: number, entry: ZipEntry): void {
  header.writeUInt16LE(UTF8_NAMES, at);
  header.writeUInt16LE(DEFLATED, at + 2);
  header.writeUInt16LE(DOS_TIME, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(entry.crc32, at + 8);
  header.writeUInt32LE(entry.deflated.length, at + 12);
  header.writeUInt32LE(entry.size, at + 16);
}
