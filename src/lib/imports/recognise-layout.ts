import { err, ok, type Result } from "~/lib/result";
import { guessColumnRole, simplifyTitle, type ColumnRole } from "./guess-column-role";
import { GENERIC_CSV, PARTNER_LAYOUTS, type PartnerLayout, type PartnerTool } from "./partner-layouts";

export type { ColumnRole } from "./guess-column-role";
export type { PartnerTool } from "./partner-layouts";

export type ExportColumn = { index: number; title: string; role: ColumnRole };
export type ExportLayout = { tool: PartnerTool; headerRows: number; columns: ExportColumn[] };
export type LayoutProblem = { code: "NoHeaderRow" | "DuplicateColumnTitles"; message: string };

// An ONS GSS code for an electoral ward: E05 in England, W05 in Wales (shared/DOMAIN.md).
const WARD_CODE_VALUE = /^[EW]05\d{6}$/;

/**
 * Recognises which tool wrote an export from its first records (the header rows, and a few data
 * rows if there are any), and guesses what each column holds. The roles are suggestions for the
 * officer to confirm; recognising the tool only decides how many header rows there are and the
 * roles of the tool's own columns. Returns NoHeaderRow when the first record is blank, and
 * DuplicateColumnTitles when two columns have the same title (the importer could not tell their
 * mappings apart).
 */
export function recogniseLayout(records: readonly (readonly string[])[]): Result<ExportLayout, LayoutProblem> {
  const first = records[0];
  if (first === undefined || first.every((cell) => cell.trim() === "")) {
    return err({ code: "NoHeaderRow", message: "The first row of the file is empty. It must hold the column titles" });
  }
  const layout = PARTNER_LAYOUTS.find((candidate) => candidate.matches(records)) ?? GENERIC_CSV;
  const givenTitles = layout.titles(records);
  const titles = givenTitles.map((title, index) => title || `Column ${index + 1} (no title)`);
  const duplicates = duplicateTitles(titles);
  if (duplicates.length > 0) return err({ code: "DuplicateColumnTitles", message: describeDuplicates(duplicates) });

  const dataRows = records.slice(layout.headerRows);
  const columns = titles.map((title, index): ExportColumn => {
    const role = knownRole(layout, first[index] ?? "") ?? guessColumnRole(givenTitles[index] ?? "");
    return { index, title, role: role === "ward_name" && holdsWardCodes(dataRows, index) ? "ward_code" : role };
  });
  return ok({ tool: layout.tool, headerRows: layout.headerRows, columns: keepFirstOnly(keepFirstOnly(columns, "timestamp", "date"), "postcode", "personal_data") });
}

function knownRole(layout: PartnerLayout, name: string): ColumnRole | undefined {
  const simple = simplifyTitle(name);
  return layout.knownColumns[simple] ?? layout.knownPatterns.find(([pattern]) => pattern.test(simple))?.[1];
}

// A column titled "Ward" may hold names or codes; the values decide.
function holdsWardCodes(dataRows: readonly (readonly string[])[], index: number): boolean {
  const values = dataRows.map((row) => (row[index] ?? "").trim()).filter((value) => value !== "");
  return values.length > 0 && values.every((value) => WARD_CODE_VALUE.test(value.toUpperCase()));
}

// One completion time per response, and one postcode to find the ward with: any further
// postcode (a work address, say) is personal data, never stored.
function keepFirstOnly(columns: ExportColumn[], role: ColumnRole, demotedTo: ColumnRole): ExportColumn[] {
  let seen = false;
  return columns.map((column) => {
    if (column.role !== role) return column;
    if (!seen) { seen = true; return column; }
    return { ...column, role: demotedTo };
  });
}

function duplicateTitles(titles: readonly string[]): { title: string; columns: number[] }[] {
  const byTitle = new Map<string, { title: string; columns: number[] }>();
  titles.forEach((title, index) => {
    const key = title.trim().replace(/\s+/g, " ").toLowerCase();
    const entry = byTitle.get(key) ?? { title: title.trim(), columns: [] };
    entry.columns.push(index + 1);
    byTitle.set(key, entry);
  });
  return [...byTitle.values()].filter((entry) => entry.columns.length > 1);
}

function describeDuplicates(duplicates: readonly { title: string; columns: number[] }[]): string {
  const each = duplicates.map(({ title, columns }) => `"${title}" (columns ${columns.slice(0, -1).join(", ")} and ${columns.at(-1)})`);
  return `The header row has more than one column called ${each.join("; ")}. Give each column its own title and upload the file again`;
}
