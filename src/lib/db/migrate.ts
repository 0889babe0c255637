import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import { migrations } from "./migration-list";
import type { Database } from "./schema";

export class MigrationFailedError extends Error {
  constructor(readonly migrationName: string, cause: unknown) {
    super(`Migration ${migrationName} failed: ${(cause as Error)?.message ?? String(cause)}. The schema was left as it was.`, { cause });
    this.name = "MigrationFailedError";
  }
}

/**
 * Brings the schema up to date. All pending migrations run in one transaction (PostgreSQL has
 * transactional DDL), so a failure leaves the schema exactly as it was before.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  available: typeof migrations = migrations,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => available } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "(before any migration ran)";
    throw new MigrationFailedError(failed, error);
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
