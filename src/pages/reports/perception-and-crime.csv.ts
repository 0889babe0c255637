import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { perceptionCrimeGapDownload } from "~/lib/reports/perception-crime-gap-download";
import { REPORT_READERS } from "~/lib/reports/readers";

export const access = REPORT_READERS;

export const GET: APIRoute = async ({ url, locals }) => perceptionCrimeGapDownload(await getDb(), url.searchParams, locals.user!, "csv");
