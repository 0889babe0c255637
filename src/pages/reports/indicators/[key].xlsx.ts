import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { indicatorDownload } from "~/lib/reports/indicator-download";
import { REPORT_READERS } from "~/lib/reports/readers";

export const access = REPORT_READERS;

export const GET: APIRoute = async ({ params, url, locals }) => indicatorDownload(await getDb(), params.key ?? "", url.searchParams, locals.user!, "xlsx");
