// Global set-up for the server tests: the production build if it is out of date, and one PGlite
// data folder, created, migrated and seeded once, which each test copies instead of paying for
// initdb and the migrations again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { parseConfig } from "~/lib/config/config";
import { prepareDatabase } from "~/lib/db/app-database";
import { buildIfNeeded } from "~/cli/build-if-needed";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  // Once, here: servers started by tests in parallel would otherwise each start a build.
  buildIfNeeded(console.log);
  const dir = mkdtempSync(path.join(tmpdir(), "np-pglite-template-"));
  const prepared = await prepareDatabase(parseConfig({ ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" }));
  await prepared.db.destroy();
  project.provide("pgliteTemplate", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
