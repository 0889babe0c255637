import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("astro:middleware", () => ({ defineMiddleware: (f: unknown) => f }));
const { bodyRefusal, FORM_LIMIT_BYTES, UPLOAD_ROUTES } = await import("~/lib/http/form-body-guard");
const { routePatternOf } = await import("~/lib/auth/route-pattern");

const headers = (h: Record<string, string>) => new Headers(h);
const FORM = "application/x-www-form-urlencoded";

describe("bodyRefusal", () => {
  it("lets reading methods through whatever they send", () => {
    expect(bodyRefusal("GET", headers({ "content-type": "application/json" }), "/")).toBeNull();
  });

  it("accepts a form of a stated length within the limit", () => {
    expect(bodyRefusal("POST", headers({ "content-type": `${FORM}; charset=UTF-8`, "content-length": "120" }), "/sign-in")).toBeNull();
    expect(bodyRefusal("POST", headers({ "content-type": "multipart/form-data; boundary=x", "content-length": String(FORM_LIMIT_BYTES) }), "/sign-in")).toBeNull();
  });

  it.each(["application/json", "text/plain", "text/xml", ""])("refuses a POST sent as %j with 415", (type) => {
    expect(bodyRefusal("POST", headers(type ? { "content-type": type, "content-length": "2" } : { "content-length": "2" }), "/sign-in")?.status).toBe(415);
  });

  it("refuses a form without a stated length (chunked) with 411, except where uploads are streamed", () => {
    expect(bodyRefusal("POST", headers({ "content-type": FORM }), "/surveys/[slug]/check")?.status).toBe(411);
    expect(bodyRefusal("POST", headers({ "content-type": "multipart/form-data; boundary=x" }), "/admin/postcodes")?.status).toBe(411);
    expect(bodyRefusal("POST", headers({ "content-type": "multipart/form-data; boundary=x" }), "/imports")).toBeNull();
  });

  it("refuses a form over the limit with 413, allowing uploads their own larger limits", () => {
    const over = String(FORM_LIMIT_BYTES + 1);
    expect(bodyRefusal("POST", headers({ "content-type": FORM, "content-length": over }), "/surveys/[slug]/check")?.status).toBe(413);
    expect(bodyRefusal("POST", headers({ "content-type": FORM, "content-length": over }), "/admin/postcodes")?.status).toBe(413);
    expect(bodyRefusal("POST", headers({ "content-type": "multipart/form-data; boundary=x", "content-length": over }), "/admin/postcodes")).toBeNull();
    expect(bodyRefusal("POST", headers({ "content-type": "multipart/form-data; boundary=x", "content-length": String(200 * 1024 * 1024) }), "/admin/postcodes")?.status).toBe(413);
  });

  it("refuses a stated length that is not a number", () => {
    expect(bodyRefusal("PUT", headers({ "content-type": FORM, "content-length": "-1" }), "/sign-in")?.status).toBe(400);
  });
});

describe("UPLOAD_ROUTES", () => {
  it("names exactly the pages that take a file, so no upload is cut to the form limit and no form escapes it", () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
    const takesFile = files("src/pages").filter((file) => /FileUpload|LoadWardsForm|type="file"|receiveFileUpload/.test(readFileSync(file, "utf8")));
    expect(takesFile.map((file) => routePatternOf(`/${file}`)).sort()).toEqual(Object.keys(UPLOAD_ROUTES).sort());
  });
});
