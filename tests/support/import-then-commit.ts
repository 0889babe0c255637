// Run by the crash test as a child process: imports a file into the database named by the
// environment (PGLITE_DIR or DATABASE_URL), checks it, commits, saying "COMMITTING responses_copied" on stdout half-way through the
// commit's transaction.
// The parent kills it while it commits.
import { openDatabase } from "~/lib/db/client";
import { beginCheck, beginCommit } from "~/lib/imports/import-job-runner";
import { importMappingSchema } from "~/lib/imports/import-mapping";
import { startImport } from "~/lib/imports/start-import";
import { receivedCopyOf } from "./import-setup";

const [file, officerId, partnerSourceId] = process.argv.slice(2);
const db = await openDatabase(process.env.DATABASE_URL ? { kind: "postgres", url: process.env.DATABASE_URL } : { kind: "pglite", dataDir: process.env.PGLITE_DIR! });
const officer = { id: Number(officerId), email: "olu@example.test", displayName: "olu", role: "engagement_officer" as const, hasTwoFactor: false };
const started = await startImport(db, officer, Number(partnerSourceId), receivedCopyOf(file!));
if (!started.ok) throw new Error(started.error.message);
const job = await db.selectFrom("import_job").select("mapping").where("id", "=", started.value.jobId).executeTakeFirstOrThrow();
await (await beginCheck(db, started.value.jobId, importMappingSchema.parse(job.mapping))).done;
const commit = await beginCommit(db, started.value.jobId, (stage) => console.log(`COMMITTING ${stage}`));
await commit.done;
console.log("COMMITTED");
await db.destroy();
