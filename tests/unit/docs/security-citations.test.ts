import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// SECURITY.md promises each ASVS requirement "with its test". A renamed file or test would leave
// the promise citing nothing, so every cited path must exist and every quoted test name must still
// begin a test title in that file.
const SECURITY = readFileSync("SECURITY.md", "utf8");

type Citation = { file: string; names: string[] };

/** `tests/…` paths in backticks, each with the test names quoted in brackets after it, as in `a.test.ts` ("shows …", "keeps …"). */
function citations(markdown: string): Citation[] {
  return [...markdown.matchAll(/`(tests\/[^`\s]+)`(?: \(("[^)]*")\))?/g)].map(([, file, names]) => ({
    file: file!,
    names: [...(names ?? "").matchAll(/"([^"]+)"/g)].map(([, name]) => name!),
  }));
}

/** A quoted name begins a title (just after its opening quote); "…" stands for any text on the same line. */
function titlePattern(name: string): RegExp {
  const pieces = name.split("…").map((piece) => piece.trim()).filter((piece) => piece !== "");
  return new RegExp(`["'\`]${pieces.map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^\\n]*?")}`);
}

describe("the tests SECURITY.md cites", () => {
  const cited = citations(SECURITY);

  it("are found in the page (the pattern still matches how it cites them)", () => {
    expect(cited.length).toBeGreaterThanOrEqual(40);
    expect(cited.some((c) => c.names.length > 0)).toBe(true);
  });

  it.each(cited.map((c) => [c.file, c] as const))("%s exists, with every test named beside it", (_, { file, names }) => {
    expect(existsSync(file), `${file} does not exist`).toBe(true);
    const source = readFileSync(file, "utf8");
    const missing = names.filter((name) => !titlePattern(name).test(source));
    expect(missing, `no test in ${file} has a title beginning with these`).toEqual([]);
  });
});

describe("citations", () => {
  it("reads a path alone, and a path with quoted test names", () => {
    expect(citations('`tests/a.test.ts`, `tests/b.test.ts` ("shows … escaped", "refuses x") and `src/c.ts`')).toEqual([
      { file: "tests/a.test.ts", names: [] },
      { file: "tests/b.test.ts", names: ["shows … escaped", "refuses x"] },
    ]);
  });

  it("matches a name as the start of a title, with … standing for text on the same line", () => {
    expect(titlePattern("shows HTML and script … escaped").test('it("shows HTML and script in every column escaped", ')).toBe(true);
    expect(titlePattern("sends security headers …").test("test(`sends security headers on ${page}`")).toBe(true);
    expect(titlePattern("script … escaped").test('it("shows HTML and script escaped"')).toBe(false);
    expect(titlePattern("shows HTML … escaped").test('it("shows HTML\n  escaped"')).toBe(false);
  });
});
