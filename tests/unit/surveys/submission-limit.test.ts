import { describe, expect, it } from "vitest";
import { SubmissionLimit } from "~/lib/surveys/submission-limit";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 9, 0) + minutes * 60_000);

describe("SubmissionLimit", () => {
  it("allows the configured number of responses from one client in 10 minutes, then asks it to wait", () => {
    const limit = new SubmissionLimit(3);
    for (let i = 0; i < 3; i++) expect(limit.take("client", at(i)).allowed).toBe(true);
    expect(limit.take("client", at(3))).toEqual({ allowed: false, retryAfterSeconds: 7 * 60 });
    expect(limit.take("another client", at(3)).allowed).toBe(true);
  });

  it("allows the client again once its oldest response is 10 minutes old", () => {
    const limit = new SubmissionLimit(2);
    limit.take("client", at(0));
    limit.take("client", at(5));
    expect(limit.take("client", at(9)).allowed).toBe(false);
    expect(limit.take("client", at(10)).allowed).toBe(true);
  });
});
