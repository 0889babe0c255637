import { describe, expect, it } from "vitest";
import { columnIndexOf, columnLetters, MAX_COLUMNS } from "~/lib/xlsx/cell-reference";

describe("columnIndexOf", () => {
  it("gives the column of a reference, counted from 0", () => {
    expect(columnIndexOf("A1")).toBe(0);
    expect(columnIndexOf("Z9")).toBe(25);
    expect(columnIndexOf("AA1")).toBe(26);
    expect(columnIndexOf("$C$5")).toBe(2);
    expect(columnIndexOf("c5")).toBe(2);
    expect(columnIndexOf("XFD1048576")).toBe(16_383);
  });

  it("gives null for what is not a cell of Excel's grid", () => {
    for (const reference of ["XFE1", "A0", "A1048577", "5C", "A", "1", "", "AAAA1", "A1:B2"]) expect(columnIndexOf(reference), reference).toBeNull();
  });
});

describe("columnLetters", () => {
  it("is the inverse of columnIndexOf across the whole grid", () => {
    expect([0, 25, 26, 701, 702, 16_383].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
    for (let index = 0; index < MAX_COLUMNS; index += 1) expect(columnIndexOf(`${columnLetters(index)}1`)).toBe(index);
  });

  it("throws a RangeError outside A to XFD", () => {
    expect(() => columnLetters(-1)).toThrow(RangeError);
    expect(() => columnLetters(MAX_COLUMNS)).toThrow(RangeError);
  });
});
