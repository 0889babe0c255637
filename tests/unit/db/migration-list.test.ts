import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrations } from "~/lib/db/migration-list";

describe("the migration list", () => {
  it("lists every migration file in db/migrations, in name order", () => {
    const files = readdirSync("db/migrations")
      .filter((name) => name.endsWith(".ts"))
      .map((name) => name.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });

  it("names each migration YYYY_MM_DD_HHMM_verb_noun", () => {
    for (const name of Object.keys(migrations)) expect(name).toMatch(/^\d{4}_\d{2}_\d{2}_\d{4}_[a-z]+(_[a-z0-9]+)+$/);
  });
});
