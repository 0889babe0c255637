import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_LINE_END } from "~/lib/csv/csv-cell";
import { readCsvRecords } from "~/lib/csv/read-csv-records";
import type { Database } from "~/lib/db/schema";
import { draftMappingSchema, importMappingSchema } from "~/lib/imports/import-mapping";
import { beginCheck } from "~/lib/imports/import-job-runner";
import { problemsCsv } from "~/lib/imports/import-problems";
import { startImport } from "~/lib/imports/start-import";
import type { IndicatorByWard } from "~/lib/reports/indicator-by-ward";
import { indicatorTable } from "~/lib/reports/indicator-table";
import { tableCsv } from "~/lib/reports/table-download";
import { IMPORT_FIXTURES, prepareImportDatabase, receivedText } from "../../support/import-setup";
import { testDatabases } from "../../support/test-databases";

// OWASP "CSV Injection": a cell starting with = + - @, a tab or a carriage return is run as a
// formula by some spreadsheet. Such text arrives in partners' exports and comes back out in the
// exports we write (the import problems list, ward tables for board papers).
const FORMULAS = ["=HYPERLINK(\"http://attacker.example\",\"Open\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"];
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cells of a CSV we wrote, read back as a spreadsheet would see them. */
async function cellsOf(csv: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const record of readCsvRecords((async function* () { yield csv.replace(/^\uFEFF/, ""); })())) rows.push(record);
  return rows;
}

describe.each(testDatabases())("formula-leading cells from an import, in our exports, on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let jobId: number;

  beforeAll(async () => {
    ({ db, close } = await target.open());
    const { officer, partnerSourceId } = await prepareImportDatabase(db, "2026-11-25");
    // A Google Forms export whose ward and free-text cells start like formulas.
    const [header, first] = readFileSync(`${IMPORT_FIXTURES}/google-forms.csv`, "utf8").split(/\r?\n/);
    const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;
    const cells = first!.split(",");
    const rows = FORMULAS.map((formula) => [...cells.slice(0, 1), quoted(formula), ...cells.slice(2, -2), quoted(formula), cells.at(-1)].join(","));
    const started = await startImport(db, officer, partnerSourceId, receivedText([header, ...rows].join("\r\n"), "=formulas.csv"));
    if (!started.ok) throw new Error(started.error.message);
    jobId = started.value.jobId;
    const job = await db.selectFrom("import_job").select("mapping").where("id", "=", jobId).executeTakeFirstOrThrow();
    await (await beginCheck(db, jobId, importMappingSchema.parse(draftMappingSchema.parse(job.mapping)))).done;
  });
  afterAll(() => close());

  it("lists the import's problems with every formula-leading value neutralised", async () => {
    let csv = "";
    for await (const chunk of problemsCsv(db, jobId)) csv += chunk;
    const problems = await db.selectFrom("import_problem").select("value").where("job_id", "=", jobId).execute();
    // The import kept the hostile values as they were: they are data, shown and exported as text.
    expect(problems.filter((p) => FORMULA_START.test(p.value)).length).toBeGreaterThanOrEqual(4);
    const cells = (await cellsOf(csv)).flat();
    expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    expect(cells.filter((cell) => /^'[=+\-@\t\r]/.test(cell)).length).toBeGreaterThanOrEqual(4);
    expect(csv.endsWith(CSV_LINE_END)).toBe(true);
  });

  it("writes ward tables whose ward names and sources start like formulas as text", async () => {
    const visible = { isSuppressed: false, reason: null };
    const report = {
      indicator: { key: "feel_safe_after_dark", title: "% who feel safe after dark" },
      window: { label: FORMULAS[0], periods: [] },
      previousWindow: null,
      area: { estimate: { numerator: 1, base: 2, estimate: 0.5, lower: 0.1, upper: 0.9 }, suppression: visible, change: null, previous: null, sources: FORMULAS },
      wards: FORMULAS.map((name, i) => ({
        ward: { id: i, gssCode: `E0599990${i}`, name, nameCy: null },
        estimate: { numerator: 1, base: 2, estimate: 0.5, lower: 0.1, upper: 0.9 },
        suppression: i % 2 ? { isSuppressed: true, reason: name } : visible,
        change: { difference: -0.25, lower: -0.5, upper: -0.01, isSignificant: true },
        previous: null,
        sources: [name],
      })),
    } as unknown as IndicatorByWard;
    const cells = await cellsOf(tableCsv(indicatorTable(report)));
    expect(cells.flat().filter((cell) => FORMULA_START.test(cell) && !/^-\d+(\.\d+)?$/.test(cell))).toEqual([]);
    // A negative change stays a number a spreadsheet can add up.
    expect(cells[2]![10]).toBe("-25");
    expect(cells.slice(1).map((row) => row[0]).slice(1)).toEqual(FORMULAS.map((f) => `'${f}`));
  });
});
