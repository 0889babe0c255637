import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { cancelImport } from "~/lib/imports/import-job-runner";
import { IMPORTERS } from "~/lib/imports/importers";
import { findImportJob } from "~/lib/imports/import-views";
export const access = IMPORTERS;

export const POST: APIRoute = async ({ params, locals, redirect, rewrite }) => {
  const db = await getDb();
  const job = await findImportJob(db, locals.user!, Number.parseInt(params.job ?? "", 10));
  if (job === null) return rewrite("/404");
  await cancelImport(db, job.id);
  return redirect(`/imports/${job.id}`, 303);
};
