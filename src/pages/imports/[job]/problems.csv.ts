import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { IMPORTERS } from "~/lib/imports/importers";
import { problemsCsv } from "~/lib/imports/import-problems";
import { findImportJob } from "~/lib/imports/import-views";
export const access = IMPORTERS;

export const GET: APIRoute = async ({ params, locals, rewrite }) => {
  const db = await getDb();
  const job = await findImportJob(db, locals.user!, Number.parseInt(params.job ?? "", 10));
  if (job === null) return rewrite("/404");
  const lines = problemsCsv(db, job.id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const name = `import-${job.id}-problems.csv`;
  return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });
};
