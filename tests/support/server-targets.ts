import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { openDatabase } from "~/lib/db/client";
import { createScratchDatabase } from "~/lib/db/scratch-database";
import type { Database } from "~/lib/db/schema";

/** PROOF_FULL=1 (set by `npm run test:load`) runs the server tests at full size. */
export const FULL = process.env.PROOF_FULL === "1";

export type ServerTarget = {
  name: "PGlite" | "PostgreSQL";
  /** A new, empty database for a server process: its environment, and how to open it from the test. */
  create(): Promise<{ env: Record<string, string>; open(): Promise<Kysely<Database>>; dataDir?: string; remove(): Promise<void> }>;
};

export const pgliteTarget: ServerTarget = {
  name: "PGlite",
  async create() {
    const dir = mkdtempSync(path.join(tmpdir(), "np-server-pglite-"));
    return {
      env: { PGLITE_DIR: dir, DATABASE_URL: "" },
      dataDir: dir,
      open: () => openDatabase({ kind: "pglite", dataDir: dir }),
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export function postgresTarget(serverUrl: string): ServerTarget {
  return {
    name: "PostgreSQL",
    async create() {
      const scratch = await createScratchDatabase(serverUrl, "np_server");
      return { env: { DATABASE_URL: scratch.url }, open: () => openDatabase({ kind: "postgres", url: scratch.url }), remove: () => scratch.drop() };
    },
  };
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set (in the short form only if `alsoShort`). */
export const serverTargets = ({ alsoShort = true } = {}): ServerTarget[] =>
  [pgliteTarget, ...(process.env.DATABASE_URL && (alsoShort || FULL) ? [postgresTarget(process.env.DATABASE_URL)] : [])];

/** Every resident comes from 127.0.0.1: lift the per-network submission limit for load. */
export const UNLIMITED = { SUBMISSIONS_PER_CLIENT: "100000000" };
