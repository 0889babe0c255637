import { describe, expect, it } from "vitest";
import { SIGN_IN_THROTTLE_POLICY, SignInThrottle } from "~/lib/auth/sign-in-throttle";

const MINUTE = 60 * 1000;
const start = new Date("2026-11-25T09:00:00Z");
const after = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
const jane = { email: "jane@example.gov.uk", clientKey: "client-a" };

function fail(throttle: SignInThrottle, attempt: { email: string; clientKey: string }, times: number, minute = 0) {
  let decision = throttle.check(attempt, after(minute));
  for (let i = 0; i < times; i++) decision = throttle.recordFailure(attempt, after(minute));
  return decision;
}

describe("SignInThrottle", () => {
  it("allows four failures in a row", () => {
    const throttle = new SignInThrottle();
    expect(fail(throttle, jane, 4)).toEqual({ allowed: true });
    expect(throttle.check(jane, after(0))).toEqual({ allowed: true });
  });

  it("locks out for 15 minutes after the fifth failure within 15 minutes", () => {
    const throttle = new SignInThrottle();
    fail(throttle, jane, 4);
    expect(throttle.recordFailure(jane, after(14))).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(throttle.check(jane, after(24))).toEqual({ allowed: false, retryAfterSeconds: 300 });
  });

  it("allows sign-in again once the lockout has passed", () => {
    const throttle = new SignInThrottle();
    fail(throttle, jane, 5);
    expect(throttle.check(jane, after(14.99)).allowed).toBe(false);
    expect(throttle.check(jane, after(15))).toEqual({ allowed: true });
  });

  it("starts counting afresh after a lockout", () => {
    const throttle = new SignInThrottle();
    fail(throttle, jane, 5);
    expect(fail(throttle, jane, 4, 15)).toEqual({ allowed: true });
  });

  it("does not count failures older than 15 minutes", () => {
    const throttle = new SignInThrottle();
    fail(throttle, jane, 4);
    expect(throttle.recordFailure(jane, after(15))).toEqual({ allowed: true });
  });

  it("does not extend a lockout for attempts made during it", () => {
    const throttle = new SignInThrottle();
    fail(throttle, jane, 5);
    throttle.recordFailure(jane, after(10));
    expect(throttle.check(jane, after(15))).toEqual({ allowed: true });
  });

  it("locks an account however many clients the guesses come from", () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure({ email: jane.email, clientKey: `client-${i}` }, after(0));
    expect(throttle.check({ email: jane.email, clientKey: "client-new" }, after(1)).allowed).toBe(false);
  });

  it("treats email addresses that differ only in case or spaces as one account", () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure({ email: " JANE@example.gov.uk", clientKey: `client-${i}` }, after(0));
    expect(throttle.check({ email: "jane@EXAMPLE.gov.uk", clientKey: "client-new" }, after(1)).allowed).toBe(false);
  });

  it("lets one client fail 29 times across accounts, so colleagues in one office are not locked out", () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 29; i++) throttle.recordFailure({ email: `person${i}@example.gov.uk`, clientKey: "client-a" }, after(0));
    expect(throttle.check({ email: "someone.else@example.gov.uk", clientKey: "client-a" }, after(1)).allowed).toBe(true);
  });

  it("locks a client that guesses at many accounts on its 30th failure", () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 30; i++) throttle.recordFailure({ email: `person${i}@example.gov.uk`, clientKey: "client-a" }, after(0));
    expect(throttle.check({ email: "someone.else@example.gov.uk", clientKey: "client-a" }, after(1)).allowed).toBe(false);
  });

  it("clears the account's failures after a successful sign-in", () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 4; i++) throttle.recordFailure({ email: jane.email, clientKey: `client-${i}` }, after(0));
    throttle.recordSuccess(jane);
    expect(throttle.recordFailure({ email: jane.email, clientKey: "client-9" }, after(1))).toEqual({ allowed: true });
  });

  it("keeps the client's failures after a successful sign-in", () => {
    const throttle = new SignInThrottle();
    fail(throttle, jane, 4);
    throttle.recordSuccess(jane);
    for (let i = 0; i < 25; i++) throttle.recordFailure({ email: `person${i}@example.gov.uk`, clientKey: jane.clientKey }, after(1));
    expect(throttle.recordFailure({ email: "other@example.gov.uk", clientKey: jane.clientKey }, after(1)).allowed).toBe(false);
  });
});

describe("SignInThrottle memory", () => {
  const small = { ...SIGN_IN_THROTTLE_POLICY, maxKeys: 4 };

  it("never holds more keys than the limit", () => {
    const throttle = new SignInThrottle(small);
    for (let i = 0; i < 50; i++) {
      throttle.recordFailure({ email: `person${i}@example.gov.uk`, clientKey: `client-${i}` }, after(0));
      expect(throttle.size).toBeLessThanOrEqual(4);
    }
  });

  it("keeps a lock when evicting to stay within the limit", () => {
    const throttle = new SignInThrottle(small);
    fail(throttle, jane, 5);
    for (let i = 0; i < 10; i++) {
      throttle.recordFailure({ email: `person${i}@example.gov.uk`, clientKey: `client-${i}` }, after(1));
    }
    expect(throttle.check(jane, after(2)).allowed).toBe(false);
  });
});
