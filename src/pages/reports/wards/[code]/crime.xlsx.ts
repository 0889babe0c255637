import type { APIRoute } from "astro";
import { getDb } from "~/lib/db/app-database";
import { REPORT_READERS } from "~/lib/reports/readers";
import { wardCrimeDownload } from "~/lib/reports/ward-crime-download";

export const access = REPORT_READERS;

export const GET: APIRoute = async ({ params, url, locals }) => wardCrimeDownload(await getDb(), params.code ?? "", url.searchParams, locals.user!, "xlsx");
