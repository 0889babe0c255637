import { afterAll, describe, expect, it } from "vitest";
import { fixturePath, handWorkbook, MAIN, PACKAGE_RELATIONSHIPS, readRows, RELATIONSHIPS, scratchFolder, zipOf } from "./workbook-files";

const scratch = scratchFolder();
afterAll(() => scratch.remove());

const inline = (reference: string, text: string) => `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;
// cellXfs: 0 General, 1 built-in 14 (m/d/yyyy), 2 built-in 22 (m/d/yyyy h:mm), 3 a custom date-time, 4 a custom number.
const DATE_STYLES = `<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm:ss"/><numFmt numFmtId="165" formatCode="0.0&quot; days&quot;"/></numFmts>`
  + `<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>`;

describe("readXlsxRows", () => {
  it("reads the Microsoft Forms export with its date-time serials as London wall-clock text", async () => {
    const rows = await readRows(fixturePath("microsoft-forms.xlsx"));
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual([
      "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
      "How safe do you feel walking alone in this area after dark?",
      "How worried are you about having your home broken into and something stolen?",
      "Which ward do you live in?",
    ]);
    // The same instants openpyxl 3.0.9 reads from the file: datetime(2025, 11, 3, 9, 10, 22) and so on.
    expect(rows[1]).toEqual(["1", "2025-11-03T09:10:22", "2025-11-03T09:14:51", "anonymous", "", "", "Very safe", "Not very worried", "Central"]);
    expect(rows[2]).toEqual(["2", "2025-11-04T09:11:22", "2025-11-04T09:15:51", "ben.sample@example.com", "Ben Sample", "", "Very Safe ", "Fairly worried", "Aylestone Hill"]);
    expect(rows[12]).toEqual(["12", "2025-11-14T09:21:22", "2025-11-14T09:25:51", "lowri.example@example.com", "Lowri Example", "", "A bit unsafe", "Not at all worried", "Leominster East"]);
    expect(rows.map((row) => row[6])).toContain("Don’t know");
  });

  it("places sparse cells by reference and yields an empty row for each row number skipped", async () => {
    const sheetData = `<row r="2">${inline("C2", "third")}${inline("A2", "first")}<c r="F2" s="0"/></row>`
      + `<row r="5"><c r="B5"><v>7</v></c><c><v>8</v></c></row>`
      + `<row>${inline("A6", "after five")}</row>`;
    const rows = await readRows(scratch.file("sparse.xlsx", handWorkbook({ sheetData })));
    // Row 5's second cell has no reference: it follows B5. F2 has no value, so row 2 ends at C2.
    expect(rows).toEqual([[], ["first", "", "third"], [], [], ["", "7", "8"], ["after five"]]);
  });

  it("reads shared strings: plain, rich text runs joined, phonetic guides left out, Excel's _x000D_ escape", async () => {
    const sharedStrings = `<si><t>Central</t></si>`
      + `<si><r><rPr><b/></rPr><t xml:space="preserve">Very </t></r><r><t>safe</t></r></si>`
      + `<si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>`
      + `<si><t>line_x000D_break, _x005F_x0041_ kept</t></si>`;
    const sheetData = `<row r="1">${[0, 1, 2, 3].map((i) => `<c t="s"><v>${i}</v></c>`).join("")}</row>`;
    const rows = await readRows(scratch.file("shared.xlsx", handWorkbook({ sheetData, sharedStrings })));
    expect(rows).toEqual([["Central", "Very safe", "東京", "line\rbreak, _x0041_ kept"]]);
  });

  it("turns numbers in date styles into date-time text, and leaves other numbers as numbers", async () => {
    const sheetData = `<row r="1"><c s="1"><v>45964</v></c><c s="2"><v>45964.5</v></c><c s="3"><v>45964.382199074074</v></c><c s="4"><v>2.5</v></c><c><v>45964</v></c></row>`;
    const rows = await readRows(scratch.file("dates.xlsx", handWorkbook({ sheetData, styles: DATE_STYLES })));
    expect(rows).toEqual([["2025-11-03T00:00:00", "2025-11-03T12:00:00", "2025-11-03T09:10:22", "2.5", "45964"]]);
  });

  it("counts from 1 January 1904 when the workbook uses the 1904 date system", async () => {
    // 3 November 2025 is serial 45964 in the 1900 system and 44502 in the 1904 one, 1,462 days apart.
    const sheetData = `<row r="1"><c s="1"><v>44502</v></c><c s="3"><v>44502.25</v></c></row>`;
    for (const date1904 of ["1", "true"]) {
      const workbook = handWorkbook({ sheetData, styles: DATE_STYLES, workbookPr: `<workbookPr date1904="${date1904}"/>` });
      expect(await readRows(scratch.file("1904.xlsx", workbook))).toEqual([["2025-11-03T00:00:00", "2025-11-03T06:00:00"]]);
    }
    const in1900 = await readRows(scratch.file("1900.xlsx", handWorkbook({ sheetData, styles: DATE_STYLES, workbookPr: `<workbookPr date1904="0"/>` })));
    expect(in1900).toEqual([["2021-11-02T00:00:00", "2021-11-02T06:00:00"]]);
  });

  it("reads booleans, errors, cached formula results and numbers in their shortest form", async () => {
    const sheetData = `<row r="1"><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#DIV/0!</v></c>`
      + `<c t="str"><f>A3&amp;"x"</f><v>ax</v></c><c><f>1+1</f><v>2</v></c><c><f>A1</f></c>`
      + `<c><v>1.0</v></c><c><v>0.1</v></c><c><v>1E-3</v></c><c><v>-0</v></c><c><v>123456789012345678901</v></c><c t="n"><v>-2.50</v></c></row>`;
    const rows = await readRows(scratch.file("types.xlsx", handWorkbook({ sheetData })));
    // An uncalculated formula (<f> with no <v>) has no value to show.
    expect(rows).toEqual([["TRUE", "FALSE", "#DIV/0!", "ax", "2", "", "1", "0.1", "0.001", "0", "123456789012345680000", "-2.5"]]);
  });

  it("reads the first worksheet in workbook order, found through the relationships, passing over a chart sheet", async () => {
    const workbook = zipOf({
      "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>`
        + `<sheet name="Chart" sheetId="3" r:id="rId3"/><sheet name="Responses" sheetId="2" r:id="rId2"/><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">`
        + `<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>`
        + `<Relationship Id="rId2" Type="${RELATIONSHIPS}/worksheet" Target="/xl/worksheets/Responses.xml"/>`
        + `<Relationship Id="rId3" Type="${RELATIONSHIPS}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
      "xl/chartsheets/sheet1.xml": `<chartsheet xmlns="${MAIN}"/>`,
      "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="1">${inline("A1", "notes")}</row></sheetData></worksheet>`,
      "xl/worksheets/Responses.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="1">${inline("A1", "responses")}</row></sheetData></worksheet>`,
    });
    expect(await readRows(scratch.file("order.xlsx", workbook))).toEqual([["responses"]]);
  });

  it("reads prefixed elements and the Strict namespace, as some tools write them", async () => {
    const strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    const strictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    const workbook = zipOf({
      "xl/workbook.xml": `<x:workbook xmlns:x="${strict}" xmlns:rel="${strictRelationships}"><x:sheets><x:sheet name="S" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${strictRelationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      "xl/worksheets/sheet1.xml": `<x:worksheet xmlns:x="${strict}"><x:sheetData><x:row r="1"><x:c r="B1"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    expect(await readRows(scratch.file("strict.xlsx", workbook))).toEqual([["", "3"]]);
  });
});
