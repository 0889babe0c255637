// `npm run db:backup [-- FILE]`: the whole database to one file. PGlite: stop the server first.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { backupDatabase } from "~/lib/db/backup";
import { runOrExplain } from "./run-or-explain";

await runOrExplain(async () => {
  const { database } = parseConfig(process.env);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const file = process.argv[2] ?? path.join("backups", `neighbourhood-pulse-${database.kind}-${stamp}.${database.kind === "pglite" ? "tar.gz" : "dump"}`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  console.log(`Backing up ${describeDatabase(database)} to ${file}…`);
  const result = await backupDatabase(database, file);
  if (!result.ok) {
    console.error(result.error.message);
    process.exit(1);
  }
  console.log(`Done: ${(result.value.bytes / 1024 / 1024).toFixed(1)} MB. Restore it into an empty database with: npm run db:restore -- ${file}`);
});
