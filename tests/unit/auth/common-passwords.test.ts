import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "~/lib/auth/common-passwords";

const entries = COMMON_PASSWORDS.split("\n");

describe("COMMON_PASSWORDS", () => {
  it("matches common-passwords.txt, from which it is generated", () => {
    const text = readFileSync(new URL("../../../src/lib/auth/common-passwords.txt", import.meta.url), "utf8");
    expect(entries).toEqual(text.split("\n").filter((line) => line !== ""));
  });

  it("holds 10,000 distinct, non-empty, lowercase entries, most common first", () => {
    expect(entries).toHaveLength(10_000);
    expect(new Set(entries).size).toBe(10_000);
    expect(entries.every((entry) => entry !== "" && entry === entry.toLowerCase())).toBe(true);
    expect(entries.slice(0, 3)).toEqual(["password", "123456", "12345678"]);
  });

  it("keeps entries with characters special to template literals intact", () => {
    expect(entries).toContain("pic\\'s");
  });
});
