import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { areaCrimeDownload } from "~/lib/reports/area-crime-download";
import { REPORT_READERS } from "~/lib/reports/readers";

export const access = REPORT_READERS;

export const GET: APIRoute = async ({ url, locals }) => areaCrimeDownload(await getDb(), url.searchParams, locals.user!, "xlsx");
