import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { REPORT_READERS } from "~/lib/reports/readers";
import { responseSourcesDownload } from "~/lib/reports/response-sources-download";

export const access = REPORT_READERS;

export const GET: APIRoute = async ({ url, locals }) => responseSourcesDownload(await getDb(), url.searchParams, locals.user!, "xlsx");
