import type { Kysely, Transaction } from "kysely";
import { recordAuditEvent } from "~/lib/auth/audit";
import type { Database } from "~/lib/db/schema";
import { err, ok, type Result } from "~/lib/result";
import { CsvUnreadable, readCsvRecords, type CsvSource } from "~/lib/csv/read-csv-records";
import { normalisePostcode } from "./postcode";

export type PostcodeLookupSource = CsvSource;

export type PostcodeLookupCounts = {
  /** Data rows in the file, whatever their area. */
  rowsRead: number;
  /** Live postcodes stored against one of the area's current wards. */
  rowsInArea: number;
  /** Postcodes in the area's wards left out because they have a termination date. */
  rowsTerminated: number;
  wardsCovered: number;
  wardsWithoutPostcodes: string[];
  /** Ward codes on live postcodes in the area's local authority that match no current ward (a boundary change?). */
  unrecognisedWardCodes: string[];
};

export type PostcodeLookupProblem = {
  code: "MissingColumns" | "NotCsv" | "NoCurrentWards" | "NoPostcodesInArea";
  message: string;
};

export type LoadPostcodeLookupOptions = {
  loadedBy?: { id: number; email: string } | null;
  fileName?: string;
  onProgress?: (rowsRead: number) => void;
  progressEvery?: number;
  batchSize?: number;
};

// Column names differ by product and edition: the NSPL has had pcds/ward/laua, the ONSPD
// osward/oslaua, and recent editions name codes by vintage (wd25cd, lad25cd, wd26cd). The first
// name that the header has wins, so pcds (always "HR1 1AA" style) is preferred to pcd.
const COLUMNS = {
  postcode: { names: ["pcds", "pcd", "pcd7", "pcd8", "pcd2"], described: "pcds or pcd (the postcode)" },
  wardCode: { names: ["ward", "osward", /^wd\d{2}cd$/], described: "ward, osward or wdYYcd (the ward code)" },
  terminated: { names: ["doterm"], described: "doterm (the date a postcode was terminated)" },
  localAuthority: { names: ["laua", "oslaua", /^lad\d{2}cd$/], described: "laua, oslaua or ladYYcd (the local authority code)" },
} satisfies Record<string, { names: (string | RegExp)[]; described: string }>;
type Columns = Record<keyof typeof COLUMNS, number>;

class LookupRefused extends Error {
  constructor(readonly problem: PostcodeLookupProblem) {
    super(problem.message);
  }
}

/**
 * Replaces the area's postcode-to-ward lookup with the live postcodes in a CSV laid out like
 * the ONS National Statistics Postcode Lookup (or the ONS Postcode Directory). It keeps only
 * rows whose ward code is a current ward (valid_to is null), reading the file as a stream. Its
 * memory use does not grow with the file, so the whole-UK file (about 2.7 million rows) is
 * fine. The old rows are deleted and the new ones written in one transaction, so a file that
 * fails part-way leaves the previous lookup as it was. That transaction stays open while the
 * file is read.
 * A problem with the file is returned, not thrown. A failing database or source stream throws.
 */
export async function loadPostcodeLookup(
  db: Kysely<Database>,
  source: PostcodeLookupSource,
  options: LoadPostcodeLookupOptions = {},
): Promise<Result<PostcodeLookupCounts, PostcodeLookupProblem>> {
  const records = readCsvRecords(source);
  try {
    let header: string[] | undefined;
    // next(), not for await: leaving a for await loop would close the stream after the header.
    while (header === undefined) {
      const next = await records.next();
      if (next.done) return err({ code: "NotCsv", message: "The file is empty" });
      if (!isBlank(next.value)) header = next.value.map((name) => name.replace(/^\uFEFF/, "").trim().toLowerCase());
    }
    const columns = findColumns(header);
    const wards = await db.selectFrom("ward").innerJoin("local_area", "local_area.id", "ward.local_area_id")
      .select(["ward.id", "ward.gss_code", "ward.name", "ward.local_area_id", "local_area.gss_code as local_area_code"])
      .where("ward.valid_to", "is", null).orderBy("ward.name").execute();
    if (wards.length === 0) return err({ code: "NoCurrentWards", message: "No current wards are set up, so no postcode can be matched to one" });
    return ok(await db.transaction().execute((trx) => replaceLookup(trx, records, header, columns, wards, options)));
  } catch (error) {
    if (error instanceof LookupRefused) return err(error.problem);
    if (error instanceof CsvUnreadable) return err({ code: "NotCsv", message: `The file is not a CSV that can be read: ${error.message}` });
    throw error;
  } finally {
    await records.return(undefined);
  }
}

type CurrentWard = { id: number; gss_code: string; name: string; local_area_id: number; local_area_code: string };

async function replaceLookup(
  trx: Transaction<Database>, records: AsyncIterable<string[]>, header: string[], columns: Columns,
  wards: CurrentWard[], options: LoadPostcodeLookupOptions,
): Promise<PostcodeLookupCounts> {
  const { batchSize = 1000, progressEvery = 100_000, onProgress } = options;
  const wardsByCode = new Map(wards.map((ward) => [ward.gss_code, ward]));
  const localAuthorities = new Set(wards.map((ward) => ward.local_area_code));
  // Every ward of the area, ended ones too: a postcode must not stay with a ward that has gone.
  const areaWardIds = trx.selectFrom("ward").select("id").where("local_area_id", "in", [...new Set(wards.map((w) => w.local_area_id))]);
  await trx.deleteFrom("postcode_ward").where("ward_id", "in", areaWardIds).execute();

  const unrecognised = new Set<string>();
  let rowsRead = 0;
  let rowsTerminated = 0;
  let batch: { postcode: string; ward_id: number }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // A postcode twice (files joined with an overlap) is stored once.
    await trx.insertInto("postcode_ward").values(batch).onConflict((oc) => oc.column("postcode").doNothing()).execute();
    batch = [];
  };
  for await (const record of records) {
    // A repeat of the header: files split by postcode area may be joined end to end.
    if (isBlank(record) || record[columns.postcode]?.trim().toLowerCase() === header[columns.postcode]) continue;
    rowsRead += 1;
    if (onProgress && rowsRead % progressEvery === 0) onProgress(rowsRead);
    const wardCode = field(record, columns.wardCode);
    const isTerminated = field(record, columns.terminated) !== "";
    const ward = wardsByCode.get(wardCode);
    if (ward === undefined) {
      // Pseudo codes (E99999999) and blanks mark postcodes with no ward, such as PO boxes.
      const looksLikeWard = /^[EWSN]05\d{6}$/.test(wardCode);
      if (looksLikeWard && !isTerminated && localAuthorities.has(field(record, columns.localAuthority)) && unrecognised.size < 100) unrecognised.add(wardCode);
      continue;
    }
    if (isTerminated) { rowsTerminated += 1; continue; }
    const postcode = normalisePostcode(field(record, columns.postcode));
    if (postcode === null) continue;
    batch.push({ postcode, ward_id: ward.id });
    if (batch.length >= batchSize) await flush();
  }
  await flush();

  const stored = await trx.selectFrom("postcode_ward").select((eb) => ["ward_id", eb.fn.countAll<string>().as("postcodes")])
    .where("ward_id", "in", wards.map((w) => w.id)).groupBy("ward_id").execute();
  const rowsInArea = stored.reduce((sum, row) => sum + Number(row.postcodes), 0);
  if (rowsInArea === 0) {
    throw new LookupRefused({ code: "NoPostcodesInArea", message: `The file has no live postcodes in any of the ${wards.length} current wards, so the lookup was not changed. Check that it covers your area and that its ward codes are current` });
  }
  const covered = new Set(stored.map((row) => row.ward_id));
  const counts: PostcodeLookupCounts = {
    rowsRead, rowsInArea, rowsTerminated, wardsCovered: covered.size,
    wardsWithoutPostcodes: wards.filter((w) => !covered.has(w.id)).map((w) => w.name),
    unrecognisedWardCodes: [...unrecognised].sort(),
  };
  await recordAuditEvent(trx, {
    actor: options.loadedBy ?? null,
    action: "postcode_lookup_loaded",
    detail: {
      fileName: options.fileName ?? null, rowsRead, rowsInArea, rowsTerminated, wardsCovered: counts.wardsCovered,
      wardsWithoutPostcodes: counts.wardsWithoutPostcodes.join(", "), unrecognisedWardCodes: counts.unrecognisedWardCodes.join(", "),
    },
  });
  return counts;
}

/** The current ward a resident's postcode is in, in any spacing or case; null when the lookup does not have it. */
export async function findWardByPostcode(db: Kysely<Database>, postcode: string): Promise<{ wardId: number; gssCode: string; name: string } | null> {
  const normalised = normalisePostcode(postcode);
  if (normalised === null) return null;
  const row = await db.selectFrom("postcode_ward").innerJoin("ward", "ward.id", "postcode_ward.ward_id")
    .select(["ward.id", "ward.gss_code", "ward.name"])
    .where("postcode_ward.postcode", "=", normalised).where("ward.valid_to", "is", null).executeTakeFirst();
  return row === undefined ? null : { wardId: row.id, gssCode: row.gss_code, name: row.name };
}

/** Whether an administrator has loaded a postcode lookup, so a survey can ask for a postcode. */
export async function hasPostcodeLookup(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("postcode_ward").select("postcode").limit(1).executeTakeFirst()) !== undefined;
}

/** Each current ward with the number of postcodes the lookup has for it, by ward name. */
export async function countPostcodesByWard(db: Kysely<Database>): Promise<{ gssCode: string; name: string; postcodes: number }[]> {
  const rows = await db.selectFrom("ward").leftJoin("postcode_ward", "postcode_ward.ward_id", "ward.id")
    .select((eb) => ["ward.gss_code", "ward.name", eb.fn.count<string>("postcode_ward.postcode").as("postcodes")])
    .where("ward.valid_to", "is", null).groupBy(["ward.id", "ward.gss_code", "ward.name"]).orderBy("ward.name").execute();
  return rows.map((row) => ({ gssCode: row.gss_code, name: row.name, postcodes: Number(row.postcodes) }));
}

function findColumns(header: string[]): Columns {
  const found: Partial<Columns> = {};
  const missing: string[] = [];
  for (const [need, { names, described }] of Object.entries(COLUMNS) as [keyof Columns, (typeof COLUMNS)[keyof Columns]][]) {
    const index = names.map((name) => header.findIndex((h) => (typeof name === "string" ? h === name : name.test(h)))).find((i) => i >= 0);
    if (index === undefined) missing.push(described);
    else found[need] = index;
  }
  if (missing.length > 0) {
    const shown = header.length > 60 ? [...header.slice(0, 60), "…"] : header;
    throw new LookupRefused({
      code: "MissingColumns",
      message: `The file is not laid out like the National Statistics Postcode Lookup. It has no column ${missing.join("; no column ")}. Columns found: ${shown.join(", ")}`,
    });
  }
  return found as Columns;
}

const field = (record: string[], index: number) => record[index]?.trim() ?? "";
const isBlank = (record: string[]) => record.length === 1 && record[0]!.trim() === "";
