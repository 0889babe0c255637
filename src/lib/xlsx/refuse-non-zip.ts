import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { notZip, oldExcelFormat, passwordProtected } from "./xlsx-unreadable";

// Signatures: ZIP local file header, or the end record an empty ZIP starts with (APPNOTE.TXT
// 4.3.7, 4.3.16); OLE2 compound file (MS-CFB 2.2).
const ZIP = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// An encrypted .xlsx is not a ZIP but an OLE2 file holding the encrypted ZIP in a stream called
// "EncryptedPackage" (MS-OFFCRYPTO 2.3.4.4); directory entry names are UTF-16LE (MS-CFB 2.6.1).
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

/**
 * Throws the XlsxUnreadable for a file that is not a ZIP at all, so that yauzl only ever sees
 * ZIPs: a password-protected workbook (PasswordProtected), another OLE2 file such as an Excel
 * 97-2003 .xls (OldExcelFormat), or anything else (NotZip).
 */
export async function refuseNonZip(filePath: string): Promise<void> {
  const head = await readHead(filePath, OLE2.length);
  if (ZIP.some((signature) => startsWith(head, signature))) return;
  if (!startsWith(head, OLE2)) throw notZip();
  throw (await hasEncryptedPackage(filePath)) ? passwordProtected() : oldExcelFormat();
}

async function readHead(filePath: string, length: number): Promise<Uint8Array> {
  const file = await open(filePath, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(length), 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

// Scans the whole file rather than walking the OLE2 directory: the name's UTF-16 bytes are
// distinctive, the file is read once in chunks, and a stray match only changes which message
// the officer sees.
async function hasEncryptedPackage(filePath: string): Promise<boolean> {
  let carried = Buffer.alloc(0);
  for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) {
    const window = Buffer.concat([carried, chunk]);
    if (window.includes(ENCRYPTED_PACKAGE)) return true;
    carried = window.subarray(Math.max(0, window.length - ENCRYPTED_PACKAGE.length + 1));
  }
  return false;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}
