import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { areaDownload } from "~/lib/reports/area-download";
import { REPORT_READERS } from "~/lib/reports/readers";

export const access = REPORT_READERS;

export const GET: APIRoute = async ({ url, locals }) => areaDownload(await getDb(), url.searchParams, locals.user!, "xlsx");
