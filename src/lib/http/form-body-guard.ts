import { defineMiddleware } from "astro:middleware";

/*
 * Every state-changing request this site accepts is an HTML form post. Found by the hostile-input
 * tests (issue #9): before this guard,
 *   - a body of any size up to the adapter's 1 GiB default was read whole into memory by
 *     Request.formData() on any form page, the residents' public ones included;
 *   - a POST that was not a form (JSON, no content type) or a malformed multipart body made
 *     formData() throw, and the resident saw "Sorry, there is a problem with the service" (500);
 *   - Astro's origin check (our CSRF defence) only looks at form content types, so a cross-site
 *     POST of another type went on to the page. A browser cannot send one without a CORS
 *     preflight, which we never grant, but the page should not have to rely on that.
 * So a POST must say it is a form, say how long it is, be no longer than its route allows, and
 * parse as a form; otherwise it is refused with its own status before any page or session code runs.
 */

export const FORM_LIMIT_BYTES = 1024 * 1024;
const MB = 1024 * 1024;

/**
 * Routes that take a file. "streamed" reads the body as it arrives and stops at its own limit
 * (IMPORT_MAX_MB), so it needs no length up front; the others read the whole form, and refuse
 * above their own limit with a message of their own, which this guard leaves them room to show.
 */
export const UPLOAD_ROUTES: Record<string, number | "streamed"> = {
  "/imports": "streamed",
  "/admin/area": 21 * MB,
  "/admin/population": 6 * MB,
  "/admin/postcodes": 101 * MB,
  "/admin/recorded-crime": 61 * MB,
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type BodyRefusal = { status: 400 | 411 | 413 | 415; message: string };

/** The refusal for a request's headers, or null when its body may be read (as a form). */
export function bodyRefusal(method: string, headers: Headers, routePattern: string): BodyRefusal | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const type = (headers.get("content-type") ?? "").toLowerCase();
  const isMultipart = type.startsWith("multipart/form-data");
  if (!isMultipart && !type.startsWith("application/x-www-form-urlencoded")) {
    return { status: 415, message: "This address accepts only HTML form submissions." };
  }
  const upload = UPLOAD_ROUTES[routePattern];
  if (upload === "streamed" && isMultipart) return null;
  const length = headers.get("content-length");
  if (length === null) return { status: 411, message: "A form submission must state its length." };
  const bytes = Number(length);
  if (!Number.isSafeInteger(bytes) || bytes < 0) return { status: 400, message: "The form's stated length is not a number." };
  const limit = isMultipart && typeof upload === "number" ? upload : FORM_LIMIT_BYTES;
  if (bytes > limit) return { status: 413, message: `The form is too large: this address accepts at most ${Math.floor(limit / MB)} MB.` };
  return null;
}

/** Whether a body parses as the form it says it is; read from a copy, so the page can read it too. */
async function parsesAsForm(request: Request): Promise<boolean> {
  try {
    await request.clone().formData();
    return true;
  } catch {
    return false;
  }
}

export const formBodyGuard = defineMiddleware(async (context, next) => {
  const { request } = context;
  const refusal = bodyRefusal(request.method, request.headers, context.routePattern);
  if (refusal !== null) return plain(refusal);
  if (!SAFE_METHODS.has(request.method) && !(UPLOAD_ROUTES[context.routePattern] === "streamed") && !(await parsesAsForm(request))) {
    return plain({ status: 400, message: "The form could not be read. Go back and send it again." });
  }
  return next();
});

const plain = ({ status, message }: BodyRefusal) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
