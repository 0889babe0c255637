// `npm run db:restore -- FILE`: a backup from db:backup into an empty database (PGLITE_DIR or DATABASE_URL).
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { restoreDatabase } from "~/lib/db/backup";
import { runOrExplain } from "./run-or-explain";

await runOrExplain(async () => {
  const file = process.argv[2];
  if (!file) {
    console.error("Name the backup to restore: npm run db:restore -- backups/neighbourhood-pulse-….tar.gz (or .dump)");
    process.exit(2);
  }
  const { database } = parseConfig(process.env);
  console.log(`Restoring ${file} into ${describeDatabase(database)}…`);
  const result = await restoreDatabase(database, file);
  if (!result.ok) {
    console.error(result.error.message);
    process.exit(1);
  }
  console.log("Restored. Start the server on it with npm start (the same PGLITE_DIR or DATABASE_URL).");
});
