import { z } from "zod";

/**
 * The environment is a boundary: it is parsed once, empty strings count as unset,
 * and every problem is listed together rather than surfacing deep inside a request.
 */
const environmentSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// or postgresql:// URL" })
    .optional(),
  PGLITE_DIR: z.string().default("./data/pglite"),
  PORT: z.coerce
    .number({ error: "PORT must be a whole number" })
    .int({ error: "PORT must be a whole number" })
    .min(1, { error: "PORT must be between 1 and 65535" })
    .max(65535, { error: "PORT must be between 1 and 65535" })
    .default(4321),
  HOST: z.string().default("127.0.0.1"),
  AREA_CONFIG: z.string().default("db/reference/herefordshire/area.json"),
  SUBMISSIONS_PER_CLIENT: z.coerce
    .number({ error: "SUBMISSIONS_PER_CLIENT must be a whole number" })
    .int({ error: "SUBMISSIONS_PER_CLIENT must be a whole number" })
    .min(1, { error: "SUBMISSIONS_PER_CLIENT must be at least 1" })
    .default(30),
  IMPORT_MAX_MB: z.coerce
    .number({ error: "IMPORT_MAX_MB must be a number of megabytes" })
    .positive({ error: "IMPORT_MAX_MB must be more than 0" })
    .default(100),
  UPLOAD_DIR: z.string().default("./data/uploads"),
});

export type AppConfig = {
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  port: number;
  host: string;
  areaConfigPath: string;
  /** Survey responses one client network may send in 10 minutes (held in memory, per process). */
  submissionsPerClient: number;
  /** The largest partner export an officer may upload, in bytes. */
  importMaxBytes: number;
  /** Where uploaded exports wait on this server's disk while an officer maps and checks them. */
  uploadDir: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not set up correctly:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const withoutEmpty = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = environmentSchema.safeParse(withoutEmpty);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: e.PGLITE_DIR },
    port: e.PORT,
    host: e.HOST,
    areaConfigPath: e.AREA_CONFIG,
    submissionsPerClient: e.SUBMISSIONS_PER_CLIENT,
    importMaxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
    uploadDir: e.UPLOAD_DIR,
  };
}

/** Names the database without its password, for logs and start-up messages. */
export function describeDatabase(database: AppConfig["database"]): string {
  if (database.kind === "pglite") {
    return database.dataDir.includes("://")
      ? `embedded PGlite (${database.dataDir}, not kept after exit)`
      : `embedded PGlite in ${database.dataDir}`;
  }
  const url = new URL(database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname}`;
}
