import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { REPORT_READERS } from "~/lib/reports/readers";
import { wardTrendsDownload } from "~/lib/reports/ward-trends-download";

export const access = REPORT_READERS;

export const GET: APIRoute = async ({ params, url, locals }) => wardTrendsDownload(await getDb(), params.code ?? "", url.searchParams, locals.user!, "xlsx");
