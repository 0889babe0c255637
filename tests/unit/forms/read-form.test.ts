import { describe, expect, it } from "vitest";
import { readForm } from "~/lib/forms/form-errors";

const form = (pairs: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of pairs) data.append(name, value);
  return data;
};

describe("readForm with hostile field names", () => {
  it("keeps __proto__, constructor and prototype as ordinary fields without touching any prototype", () => {
    const values = readForm(form([["__proto__", "x"], ["__proto__", "y"], ["constructor", "z"], ["prototype", "p"], ["ward", "E05009438"]]));
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect(values["__proto__"]).toEqual(["x", "y"]);
    expect(values.constructor).toBe("z");
    expect(values.ward).toBe("E05009438");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("0");
  });

  it("reads bracketed and deeply nested names as flat names", () => {
    const deep = `a${"[b]".repeat(5_000)}`;
    const values = readForm(form([[deep, "1"], ["a[b]", "2"], ["a[]", "3"], ["a[]", "4"]]));
    expect(values[deep]).toBe("1");
    expect(values["a[b]"]).toBe("2");
    expect(values["a[]"]).toEqual(["3", "4"]);
    expect(values.a).toBeUndefined();
  });

  it("keeps many repeats of one name as one array", () => {
    const values = readForm(form(Array.from({ length: 10_000 }, (_, i): [string, string] => ["q", String(i)])));
    expect(values.q).toHaveLength(10_000);
  });

  it("ignores files in a form it reads for text", () => {
    const data = form([["name", "x"]]);
    data.append("file", new Blob(["<script>"]), "../../etc/passwd");
    expect(readForm(data)).toEqual(Object.assign(Object.create(null), { name: "x" }));
  });
});
