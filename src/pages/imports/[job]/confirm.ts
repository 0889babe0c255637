import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { beginCommit } from "~/lib/imports/import-job-runner";
import { IMPORTERS } from "~/lib/imports/importers";
import { findImportJob } from "~/lib/imports/import-views";
export const access = IMPORTERS;

export const POST: APIRoute = async ({ params, locals, redirect, rewrite }) => {
  const db = await getDb();
  const job = await findImportJob(db, locals.user!, Number.parseInt(params.job ?? "", 10));
  if (job === null) return rewrite("/404");
  // A second click finds the job already saving; either way the status page tells the officer.
  await beginCommit(db, job.id);
  return redirect(`/imports/${job.id}`, 303);
};
