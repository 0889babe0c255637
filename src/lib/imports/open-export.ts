import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { readDelimitedRecords } from "~/lib/csv/read-delimited-records";
import { readXlsxRows } from "~/lib/xlsx/read-xlsx-rows";
import { err, ok, type Result } from "~/lib/result";
import { SNIFF_BYTES, sniffExport, type ExportFormat, type ExportRefusal } from "./decode-export";

/** A partner's export on disk, and how to read it. */
export type ExportFile =
  | { path: string; format: "csv"; csv: ExportFormat }
  | { path: string; format: "xlsx" };

/** Decides from the file's first bytes, never its name, whether it is a CSV or a workbook. */
export async function identifyExport(path: string): Promise<Result<ExportFile, ExportRefusal>> {
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const size = (await handle.stat()).size;
    const sniffed = sniffExport(head.subarray(0, bytesRead), bytesRead === size);
    if (sniffed.ok) return ok({ path, format: "csv", csv: sniffed.value });
    // An encrypted workbook is an OLE2 file, like an old .xls: the XLSX reader tells the two apart.
    if (sniffed.error.code === "Xlsx" || isOle2(head)) return ok({ path, format: "xlsx" });
    return err(sniffed.error);
  } finally {
    await handle.close();
  }
}

/**
 * The export's records (rows of cell text), streamed: a CSV through the strict delimited reader,
 * a workbook's first sheet through the XLSX reader. Unreadable content throws that reader's error,
 * whose message names the row and column.
 */
export async function* readExportRecords(file: ExportFile): AsyncGenerator<string[], void, undefined> {
  if (file.format === "csv") {
    yield* readDelimitedRecords(createReadStream(file.path, { highWaterMark: 256 * 1024 }), file.csv);
    return;
  }
  yield* readXlsxRows(file.path);
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const isOle2 = (head: Uint8Array) => OLE2.every((byte, i) => head[i] === byte);
