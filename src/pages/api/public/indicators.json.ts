import type { APIRoute } from "astro";
import type { RouteAccess } from "~/lib/auth/roles";
import { getDb } from "~/lib/db/app-database";
import type { ReportedFigure } from "~/lib/reports/indicator-by-ward";
import { publicResults } from "~/lib/reports/public-results";
import { readSettings } from "~/lib/settings/settings";

export const access = { public: true } satisfies RouteAccess;

// Suppressed figures are null with the reason, so that partners reusing the figures can say why.
const figure = (f: ReportedFigure) =>
  f.estimate === null
    ? { estimate: null, lower: null, upper: null, base: null, suppressed: f.suppression.isSuppressed, reason: f.suppression.reason ?? "no_responses" }
    : { estimate: f.estimate.estimate, lower: f.estimate.lower, upper: f.estimate.upper, base: f.estimate.base, suppressed: false, reason: null, sources: f.sources };

export const GET: APIRoute = async () => {
  const db = await getDb();
  const [results, settings] = await Promise.all([publicResults(db), readSettings(db)]);
  return Response.json(
    {
      generatedAt: new Date().toISOString(),
      suppressionThreshold: settings.suppressionThreshold,
      confidenceLevel: settings.confidenceLevel,
      indicators: results.map((r) => ({
        key: r.indicator.key,
        title: r.indicator.title,
        period: r.window.label,
        area: figure(r.area),
        wards: r.wards.map((w) => ({ code: w.ward.gssCode, name: w.ward.name, ...figure(w) })),
      })),
    },
    { headers: { "Cache-Control": "public, max-age=300" } },
  );
};
