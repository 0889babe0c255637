import type { APIRoute } from "astro";
import type { RouteAccess } from "~/lib/auth/roles";
import { getDb } from "~/lib/db/app-database";
import type { ReportedFigure } from "~/lib/reports/indicator-by-ward";
import { publicResults } from "~/lib/reports/public-results";
import { readSettings } from "~/lib/settings/settings";
import { publicRecordedCrime } from "~/lib/crime/public-recorded-crime";

export const access = { public: true } satisfies RouteAccess;

// Suppressed figures are null with the reason, so that partners reusing the figures can say why.
const figure = (f: ReportedFigure) =>
  f.estimate === null
    ? { estimate: null, lower: null, upper: null, base: null, suppressed: f.suppression.isSuppressed, reason: f.suppression.reason ?? "no_responses" }
    : { estimate: f.estimate.estimate, lower: f.estimate.lower, upper: f.estimate.upper, base: f.estimate.base, suppressed: false, reason: null, sources: f.sources };

export const GET: APIRoute = async () => {
  const db = await getDb();
  const [results, settings, recordedCrime] = await Promise.all([publicResults(db), readSettings(db), publicRecordedCrime(db)]);
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
      // data.police.uk's public counts placed in wards: crime and anti-social behaviour apart.
      recordedCrime: recordedCrime === null ? null : { ...recordedCrime, source: "data.police.uk street-level crime, Open Government Licence v3.0" },
    },
    { headers: { "Cache-Control": "public, max-age=300" } },
  );
};
