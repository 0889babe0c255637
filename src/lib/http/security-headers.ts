import { defineMiddleware } from "astro:middleware";

// No inline script or style anywhere, so the policy can forbid both; chart.js and any later
// enhancement load from our own origin.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders = defineMiddleware(async (_context, next) => {
  const response = await next();
  const headers = response.headers;
  headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  headers.set("X-Content-Type-Options", "nosniff");
  // Not "no-referrer": with it, browsers send `Origin: null` on form posts, which Astro's
  // origin check (our CSRF defence) then refuses. "same-origin" still tells other sites nothing.
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self), interest-cohort=()");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  return response;
});
