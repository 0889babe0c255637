import { ConfigError } from "~/lib/config/config";
import { DatabaseUnavailableError } from "~/lib/db/database-unavailable";
import { MigrationFailedError } from "~/lib/db/migrate";

/**
 * Runs a command; a failure someone can act on (bad environment, database unreachable, a failed
 * migration, a port in use) is printed as its message alone and exits 1, without a stack trace.
 */
export async function runOrExplain(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof MigrationFailedError;
    console.error(`\nNeighbourhood Pulse could not start. ${known || error instanceof Error ? (error as Error).message : String(error)}`);
    if (!known && process.env.DEBUG) console.error(error);
    process.exit(1);
  }
}
