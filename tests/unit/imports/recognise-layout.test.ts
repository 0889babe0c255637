import { describe, expect, it } from "vitest";
import { recogniseLayout, type ColumnRole, type ExportLayout } from "~/lib/imports/recognise-layout";
import { fixtureRecords } from "./fixture";

async function layoutOf(name: string): Promise<ExportLayout> {
  const layout = recogniseLayout(await fixtureRecords(name));
  if (!layout.ok) throw new Error(layout.error.message);
  return layout.value;
}

function titlesWith(layout: ExportLayout, role: ColumnRole): string[] {
  return layout.columns.filter((column) => column.role === role).map((column) => column.title);
}

describe("recogniseLayout", () => {
  it("recognises a SurveyMonkey export, its two header rows and its respondent columns", async () => {
    const layout = await layoutOf("surveymonkey.csv");
    expect([layout.tool, layout.headerRows]).toEqual(["SurveyMonkey", 2]);
    expect(titlesWith(layout, "respondent_id")).toEqual(["Respondent ID"]);
    expect(titlesWith(layout, "timestamp")).toEqual(["End Date"]);
    expect(titlesWith(layout, "date")).toEqual(["Start Date"]);
    expect(titlesWith(layout, "personal_data")).toEqual(["IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]);
    expect(titlesWith(layout, "ward_name")).toEqual(["Which ward do you live in?"]);
    expect(titlesWith(layout, "postcode")).toEqual(["What is your postcode?"]);
  });

  it("titles each column of a SurveyMonkey matrix with the question and its row, and a single answer with the question alone", async () => {
    const layout = await layoutOf("surveymonkey.csv");
    expect(layout.columns[9]?.title).toBe("How safe do you feel walking alone in this area after dark?");
    expect(layout.columns[10]?.title).toBe("Thinking about your local area, how much of a problem are the following? [Noisy neighbours or loud parties]");
    expect(layout.columns[16]?.title).toBe("Thinking about your local area, how much of a problem are the following? [Abandoned or burnt-out cars]");
    expect(titlesWith(layout, "question")).toHaveLength(10);
  });

  it("recognises a Qualtrics export by its ImportId row, titling columns with the question text", async () => {
    const layout = await layoutOf("qualtrics.csv");
    expect([layout.tool, layout.headerRows]).toEqual(["Qualtrics", 3]);
    expect(titlesWith(layout, "respondent_id")).toEqual(["Response ID"]);
    expect(titlesWith(layout, "timestamp")).toEqual(["End Date"]);
    expect(titlesWith(layout, "date")).toEqual(["Start Date", "Recorded Date"]);
    expect(titlesWith(layout, "personal_data")).toEqual([
      "IP Address", "Recipient Last Name", "Recipient First Name", "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude",
    ]);
    expect(titlesWith(layout, "metadata")).toEqual(["Response Type", "Progress", "Duration (in seconds)", "Finished", "Distribution Channel", "User Language", "Q_RecaptchaScore"]);
    expect(titlesWith(layout, "postcode")).toEqual(["What is your postcode?"]);
    expect(layout.columns[18]?.title).toBe("How safe do you feel walking alone in this area after dark?");
  });

  it("recognises a Google Forms export and keeps a grid row in the title", async () => {
    const layout = await layoutOf("google-forms.csv");
    expect([layout.tool, layout.headerRows]).toEqual(["Google Forms", 1]);
    expect(titlesWith(layout, "timestamp")).toEqual(["Timestamp"]);
    expect(titlesWith(layout, "personal_data")).toEqual(["Email Address"]);
    expect(titlesWith(layout, "ward_name")).toEqual(["Ward"]);
    expect(titlesWith(layout, "postcode")).toEqual(["Postcode"]);
    expect(layout.columns[3]?.title).toBe("How much of a problem are the following in your local area? [Noisy neighbours or loud parties]");
  });

  it("recognises Microsoft Forms' columns, for rows the XLSX reader will give", () => {
    const layout = recogniseLayout([["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "How safe do you feel walking alone in this area after dark?"]]);
    expect(layout.ok && layout.value.tool).toBe("Microsoft Forms");
    expect(layout.ok && layout.value.columns.map((column) => column.role)).toEqual(["respondent_id", "date", "timestamp", "personal_data", "personal_data", "date", "question"]);
  });

  it("recognises the SmartSurvey and Citizen Space columns named in the brief", async () => {
    const smartSurvey = await layoutOf("smartsurvey.csv");
    expect([smartSurvey.tool, titlesWith(smartSurvey, "respondent_id"), titlesWith(smartSurvey, "timestamp")]).toEqual(["SmartSurvey", ["Response ID"], ["Ended"]]);
    expect(titlesWith(smartSurvey, "personal_data")).toEqual(["IP Address", "Name", "Email"]);
    const citizenSpace = await layoutOf("citizen-space.csv");
    expect([citizenSpace.tool, titlesWith(citizenSpace, "timestamp")]).toEqual(["Citizen Space", ["Response Date"]]);
    expect(titlesWith(citizenSpace, "personal_data")).toEqual(["What is your name?", "What is your email address?", "What is your address?"]);
  });

  it("falls back to a generic one-header CSV, guessing roles from the titles", async () => {
    const layout = await layoutOf("generic-windows-1252-semicolon.csv");
    expect([layout.tool, layout.headerRows]).toEqual(["Generic CSV", 1]);
    expect(layout.columns.map((column) => column.role)).toEqual(["respondent_id", "date", "ward_name", "personal_data", "personal_data", "question", "question", "question"]);
  });

  it("calls a ward column holding ONS ward codes a ward code column", async () => {
    const layout = await layoutOf("generic-utf8-bom-tab.tsv");
    expect(layout.columns.map((column) => column.role)).toEqual(["respondent_id", "timestamp", "ward_code", "question", "question", "question"]);
  });

  it("keeps one timestamp and one postcode, demoting the others", () => {
    const layout = recogniseLayout([["Timestamp", "Submitted", "Postcode", "Work postcode"]]);
    expect(layout.ok && layout.value.columns.map((column) => column.role)).toEqual(["timestamp", "date", "postcode", "personal_data"]);
  });

  it("gives an untitled column a title that says where it is", () => {
    const layout = recogniseLayout([["Ward", "", "Q1"]]);
    expect(layout.ok && layout.value.columns[1]).toEqual({ index: 1, title: "Column 2 (no title)", role: "metadata" });
  });

  it("refuses a header row with duplicate names, naming them and their columns", async () => {
    expect(recogniseLayout(await fixtureRecords("duplicate-headers.csv"))).toEqual({
      ok: false,
      error: {
        code: "DuplicateColumnTitles",
        message: 'The header row has more than one column called "Ward" (columns 2 and 4). Give each column its own title and upload the file again',
      },
    });
  });

  it("counts titles that differ only in case or spacing as duplicates", () => {
    const layout = recogniseLayout([["Ward", " ward ", "WARD"]]);
    expect(!layout.ok && layout.error.message).toMatch(/"Ward" \(columns 1, 2 and 3\)/);
  });

  it("refuses a file whose first row is blank", () => {
    for (const records of [[], [[""]], [["", " "]]]) {
      expect(recogniseLayout(records)).toEqual({ ok: false, error: { code: "NoHeaderRow", message: "The first row of the file is empty. It must hold the column titles" } });
    }
  });
});
