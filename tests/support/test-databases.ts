import type { Kysely } from "kysely";
import { openDatabase } from "~/lib/db/client";
import { createScratchDatabase } from "~/lib/db/scratch-database";
import type { Database } from "~/lib/db/schema";

export type TestDatabase = {
  name: "PGlite" | "PostgreSQL";
  /** A fresh, empty database of its own; `close` throws it away. */
  open(): Promise<{ db: Kysely<Database>; close(): Promise<void> }>;
};

/**
 * Every integration test runs on in-memory PGlite, and again on real PostgreSQL when
 * DATABASE_URL is set (as .ci/run does), each test file in a database created for it.
 */
export function testDatabases(): TestDatabase[] {
  const targets: TestDatabase[] = [
    {
      name: "PGlite",
      async open() {
        const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
        return { db, close: () => db.destroy() };
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    targets.push({
      name: "PostgreSQL",
      async open() {
        const scratch = await createScratchDatabase(url, "np_test");
        const db = await openDatabase({ kind: "postgres", url: scratch.url });
        return {
          db,
          async close() {
            await db.destroy();
            await scratch.drop();
          },
        };
      },
    });
  }
  return targets;
}
