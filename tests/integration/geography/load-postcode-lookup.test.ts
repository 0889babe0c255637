import { createReadStream, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import {
  countPostcodesByWard,
  findWardByPostcode,
  hasPostcodeLookup,
  loadPostcodeLookup,
} from "~/lib/geography/load-postcode-lookup";
import { readCsvRecords } from "~/lib/csv/read-csv-records";
import { testDatabases } from "../../support/test-databases";

// The sample follows the column layout of the NSPL May 2025 edition (NSPL_MAY_2025_UK.csv:
// pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,oa21,cty,ced,laua,ward,...,imd,icb),
// with strings quoted and lat, long and imd bare, as ONS writes them. The ward codes are
// Herefordshire's real ones (db/reference/herefordshire/wards.csv) and E06000019 is the real
// local authority. The postcodes are made up, though plausible for HR and nearby areas, and so is
// every other code in the file. The leading byte order mark, the CRLF line ends and the quoted
// "ced" value with a comma, doubled quotes and a non-ASCII letter are there to test the CSV reader.
const SAMPLE = "tests/fixtures/nspl/nspl-herefordshire-sample.csv";
const MISSING_COLUMNS = "tests/fixtures/nspl/nspl-missing-columns.csv";
const HEREFORDSHIRE = "db/reference/herefordshire/area.json";

/** The file as Buffers of `size` bytes, so chunks split quotes, CRLFs and multi-byte letters. */
async function* inPieces(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
async function* lines(...rows: string[]): AsyncGenerator<string> {
  yield rows.join("\n") + "\n";
}

describe("reading CSV records as they arrive", () => {
  const tricky = '\ufeffpcds,ced,ward\r\n"HR1 2AB","a, ""quoted"" – café",E05009449\r\n"HR1\r\n2AD",,"E05009449"\nlast,"",x';
  const expected = [["pcds", "ced", "ward"], ["HR1 2AB", 'a, "quoted" – café', "E05009449"], ["HR1\r\n2AD", "", "E05009449"], ["last", "", "x"]];
  const readAll = async (source: AsyncIterable<string | Uint8Array>) => {
    const records: string[][] = [];
    for await (const record of readCsvRecords(source)) records.push(record);
    return records;
  };

  it("reads quotes, commas, line breaks and a byte order mark the same wherever the chunks split", async () => {
    for (let size = 1; size <= Buffer.byteLength(tricky); size += 1) {
      expect(await readAll(inPieces(tricky, size)), `chunks of ${size} bytes`).toEqual(expected);
    }
  });
});

describe.each(testDatabases())("loading the postcode lookup on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  const storedPostcodes = async () =>
    (await db.selectFrom("postcode_ward").select("postcode").orderBy("postcode").execute()).map((row) => row.postcode);
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await loadArea(db, await readAreaConfig(HEREFORDSHIRE));
  });
  afterAll(() => close());

  it("has no lookup until one is loaded", async () => {
    expect(await hasPostcodeLookup(db)).toBe(false);
    expect(await findWardByPostcode(db, "HR1 2AB")).toBeNull();
  });

  it("loads the live postcodes in Herefordshire's wards from an NSPL file", async () => {
    const loaded = await loadPostcodeLookup(db, createReadStream(SAMPLE), { fileName: "nspl-herefordshire-sample.csv" });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value).toMatchObject({ rowsRead: 31, rowsInArea: 20, rowsTerminated: 1, wardsCovered: 18, unrecognisedWardCodes: ["E05009451"] });
    expect(loaded.value.wardsWithoutPostcodes).toHaveLength(53 - 18);
    expect(loaded.value.wardsWithoutPostcodes).toContain("Weobley");
    expect(loaded.value.wardsWithoutPostcodes).not.toContain("Central");
    expect(await hasPostcodeLookup(db)).toBe(true);
  });

  it("finds a resident's ward from the postcode in any spacing or case", async () => {
    const central = { gssCode: "E05009449", name: "Central" };
    for (const typed of ["HR1 2AB", "hr12ab", " HR1  2AB "]) expect(await findWardByPostcode(db, typed)).toMatchObject(central);
    expect(await findWardByPostcode(db, "wr15 8aa")).toMatchObject({ gssCode: "E05009473", name: "Mortimer" });
    expect(await findWardByPostcode(db, "HR4 7QB")).toMatchObject({ gssCode: "E05012957", name: "Credenhill" });
    expect(await findWardByPostcode(db, "HR4 0AA")).toMatchObject({ name: "Three Crosses" }); // the row with the quoted comma
    expect(await findWardByPostcode(db, "not a postcode")).toBeNull();
  });

  it("stores no postcode outside the area's current wards and none that is terminated", async () => {
    for (const postcode of ["WR14 1AA", "GL1 1AA", "LD8 2AA", "B1 1AA", "HR1 9ZZ", "HR4 7QD", "HR1 9AA"]) {
      expect(await findWardByPostcode(db, postcode)).toBeNull();
    }
    expect(await storedPostcodes()).toHaveLength(20);
    const byWard = await countPostcodesByWard(db);
    expect(byWard).toHaveLength(53);
    expect(byWard.find((ward) => ward.name === "Central")?.postcodes).toBe(2);
    expect(byWard.find((ward) => ward.name === "Weobley")?.postcodes).toBe(0);
  });

  it("records who loaded the lookup, and the counts, in the audit log", async () => {
    const event = await db.selectFrom("audit_event").selectAll().where("action", "=", "postcode_lookup_loaded").executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBeNull();
    expect(event.detail).toMatchObject({ fileName: "nspl-herefordshire-sample.csv", rowsRead: 31, rowsInArea: 20, rowsTerminated: 1, wardsCovered: 18 });
  });

  it("reads the same file the same way however it is split into chunks, or from a web stream", async () => {
    const before = await storedPostcodes();
    const text = readFileSync(SAMPLE, "utf8");
    for (const size of [1, 7, 64]) {
      const loaded = await loadPostcodeLookup(db, inPieces(text, size));
      expect(loaded.ok && loaded.value.rowsInArea).toBe(20);
    }
    const fromWebStream = await loadPostcodeLookup(db, new Blob([readFileSync(SAMPLE)]).stream());
    expect(fromWebStream.ok && fromWebStream.value.rowsInArea).toBe(20);
    expect(await storedPostcodes()).toEqual(before);
  });

  it("replaces the previous lookup when a file is loaded again", async () => {
    const loaded = await loadPostcodeLookup(db, lines(
      "pcds,doterm,laua,ward",
      "HR1 2AB,,E06000019,E05009487", // moved to Weobley
      "HR4 8ZZ,,E06000019,E05009487",
    ));
    expect(loaded.ok && loaded.value).toMatchObject({ rowsRead: 2, rowsInArea: 2, wardsCovered: 1 });
    expect(await storedPostcodes()).toEqual(["HR12AB", "HR48ZZ"]);
    expect(await findWardByPostcode(db, "HR1 2AB")).toMatchObject({ name: "Weobley" });
  });

  it("refuses a file without the columns it needs, names them, and keeps the previous lookup", async () => {
    const before = await storedPostcodes();
    const loaded = await loadPostcodeLookup(db, createReadStream(MISSING_COLUMNS));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.code).toBe("MissingColumns");
    expect(loaded.error.message).toContain("no column ward, osward or wdYYcd (the ward code)");
    expect(loaded.error.message).toContain("no column doterm");
    expect(loaded.error.message).toContain("Columns found: pcds, dointr, laua, lat, long");
    expect(await storedPostcodes()).toEqual(before);
  });

  it("keeps the previous lookup when a file fails part-way through", async () => {
    const before = await storedPostcodes();
    const unclosedQuote = await loadPostcodeLookup(db, lines("pcds,doterm,laua,ward", "HR9 9AA,,E06000019,E05009479", '"HR9 9AB,,E06000019,E05009479'));
    expect(unclosedQuote).toMatchObject({ ok: false, error: { code: "NotCsv" } });
    const otherArea = await loadPostcodeLookup(db, lines("pcds,doterm,laua,ward", "B1 1AA,,E08000025,E05011151"));
    expect(otherArea).toMatchObject({ ok: false, error: { code: "NoPostcodesInArea" } });
    expect(await storedPostcodes()).toEqual(before);
  });

  it("reads the ONS Postcode Directory's osward and oslaua, and the 2025 names wd25cd and lad25cd", async () => {
    // Shortened headers: the ONSPD Feb 2023 layout (pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,...)
    // and the 2025 NSPL layout (pcd7,pcd8,pcds,dointr,doterm,usrtypind,...,lad25cd,wd25cd,...) as used in
    // communitiesuk/epb-register-api spec/tasks/postcode_spec.rb. Upper case, as ArcGIS exports write them.
    const onspd = await loadPostcodeLookup(db, lines("pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish", '"HR11AA","HR1  1AA","HR1 1AA","198001","","E99999999","E99999999","E06000019","E05009449","E04000001"'));
    expect(onspd.ok && onspd.value.rowsInArea).toBe(1);
    const vintage = await loadPostcodeLookup(db, lines("PCD7,PCD8,PCDS,DOINTR,DOTERM,USRTYPIND,LAD25CD,WD25CD", '"HR1 1AB","HR1  1AB","HR1 1AB","198001","","0","E06000019","E05009486"'));
    expect(vintage.ok && vintage.value.rowsInArea).toBe(1);
    expect(await findWardByPostcode(db, "HR1 1AB")).toMatchObject({ name: "Tupsley" });
  });
});
