import { describe, expect, it } from "vitest";
import { ConfigError, describeDatabase, parseConfig } from "~/lib/config/config";
import { explainPostgresConnectionError } from "~/lib/db/database-unavailable";

describe("parseConfig", () => {
  it("uses embedded PGlite in ./data/pglite on port 4321 when nothing is set", () => {
    expect(parseConfig({})).toEqual({
      database: { kind: "pglite", dataDir: "./data/pglite" },
      port: 4321,
      host: "127.0.0.1",
      areaConfigPath: "db/reference/herefordshire/area.json",
      submissionsPerClient: 30,
      importMaxBytes: 100 * 1024 * 1024,
      uploadDir: "./data/uploads",
    });
  });

  it("uses PostgreSQL when DATABASE_URL is set, and treats an empty one as unset", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u:p@db:5432/np" }).database).toEqual({ kind: "postgres", url: "postgres://u:p@db:5432/np" });
    expect(parseConfig({ DATABASE_URL: "  " }).database.kind).toBe("pglite");
  });

  it("lists every bad variable at once", () => {
    const error = (() => {
      try {
        parseConfig({ DATABASE_URL: "mysql://x", PORT: "eighty" });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toHaveLength(2);
    expect(error.message).toMatch(/DATABASE_URL must be a postgres/);
    expect(error.message).toMatch(/PORT must be a whole number/);
  });
});

describe("describing the database", () => {
  it("names the host and database but never the password", () => {
    const text = describeDatabase({ kind: "postgres", url: "postgres://pulse:s3cret@db.example:6543/pulse" });
    expect(text).toBe("PostgreSQL at db.example:6543/pulse");
    expect(text).not.toContain("s3cret");
  });

  it("explains refused credentials without repeating the password", () => {
    const error = explainPostgresConnectionError("postgres://pulse:s3cret@db.example/pulse", { code: "28P01", message: "password authentication failed" });
    expect(error.message).toBe('Cannot connect to PostgreSQL at db.example:5432 (DATABASE_URL): the password for user "pulse" was refused.');
  });

  it("explains a server that is not listening", () => {
    const refused = new AggregateError([Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })]);
    expect(explainPostgresConnectionError("postgres://a:b@127.0.0.1:5999/x", refused).message).toMatch(/127\.0\.0\.1:5999.*nothing is listening there/);
  });
});
