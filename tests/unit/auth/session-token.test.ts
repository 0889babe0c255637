import { encodeHexLowerCase } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import {
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_MAX_LIFETIME_MS,
  generateSessionToken,
  hashSessionSecret,
  isSessionSecretValid,
  parseSessionToken,
  sessionDecision,
  sessionExpiresAt,
} from "~/lib/auth/session-token";

const HOUR = 60 * 60 * 1000;
const created = new Date("2026-11-25T09:00:00Z");
const at = (hoursAfterCreation: number) => new Date(created.getTime() + hoursAfterCreation * HOUR);

describe("generateSessionToken", () => {
  it("makes a token of a 24-character id, a dot and a 52-character secret", () => {
    const { id, secret, token } = generateSessionToken();
    expect(id).toMatch(/^[a-z2-7]{24}$/);
    expect(secret).toMatch(/^[a-z2-7]{52}$/);
    expect(token).toBe(`${id}.${secret}`);
  });

  it("makes a different id and secret each time", () => {
    const tokens = Array.from({ length: 50 }, () => generateSessionToken());
    expect(new Set(tokens.map((t) => t.id)).size).toBe(50);
    expect(new Set(tokens.map((t) => t.secret)).size).toBe(50);
  });
});

describe("parseSessionToken", () => {
  it("gets back the id and secret of a generated token", () => {
    const { id, secret, token } = generateSessionToken();
    expect(parseSessionToken(token)).toEqual({ id, secret });
  });

  it.each([
    ["an empty string", ""],
    ["no dot", "a".repeat(77)],
    ["an id alone", "a".repeat(24)],
    ["an extra part", `${"a".repeat(24)}.${"b".repeat(52)}.c`],
    ["an extra dot at the end", `${"a".repeat(24)}.${"b".repeat(51)}.`],
    ["a short secret", `${"a".repeat(24)}.${"b".repeat(51)}`],
    ["upper case", `${"A".repeat(24)}.${"B".repeat(52)}`],
    ["characters outside base32", `${"a".repeat(23)}1.${"b".repeat(52)}`],
    ["surrounding spaces", ` ${"a".repeat(24)}.${"b".repeat(51)}`],
    ["oversized input", `${"a".repeat(24)}.${"b".repeat(100_000)}`],
  ])("returns null for %s", (_, token) => {
    expect(parseSessionToken(token)).toBeNull();
  });
});

describe("hashSessionSecret and isSessionSecretValid", () => {
  it("hashes with SHA-256 (FIPS 180-2 test vector for 'abc')", () => {
    expect(encodeHexLowerCase(hashSessionSecret("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("accepts the secret whose hash was stored", () => {
    const { secret } = generateSessionToken();
    expect(isSessionSecretValid(secret, hashSessionSecret(secret))).toBe(true);
  });

  it("rejects a token whose secret was altered", () => {
    const { secret } = generateSessionToken();
    const altered = (secret[0] === "a" ? "b" : "a") + secret.slice(1);
    expect(isSessionSecretValid(altered, hashSessionSecret(secret))).toBe(false);
  });

  it("rejects a stored hash of the wrong length", () => {
    const { secret } = generateSessionToken();
    expect(isSessionSecretValid(secret, new Uint8Array(0))).toBe(false);
  });
});

describe("sessionDecision", () => {
  it("keeps a session used within the last hour without a write", () => {
    expect(sessionDecision({ createdAt: created, lastVerifiedAt: at(2) }, at(2.9))).toBe("valid");
  });

  it("refreshes a session unused for over an hour", () => {
    expect(sessionDecision({ createdAt: created, lastVerifiedAt: at(0) }, at(1))).toBe("refresh");
    expect(sessionDecision({ createdAt: created, lastVerifiedAt: at(0) }, at(7.99))).toBe("refresh");
  });

  it("expires a session idle for longer than the limit", () => {
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(8 * HOUR);
    expect(sessionDecision({ createdAt: created, lastVerifiedAt: at(0) }, at(8))).toBe("expired");
  });

  it("expires a session at the absolute limit however recently it was used", () => {
    expect(SESSION_MAX_LIFETIME_MS).toBe(12 * HOUR);
    expect(sessionDecision({ createdAt: created, lastVerifiedAt: at(11.5) }, at(11.99))).toBe("valid");
    expect(sessionDecision({ createdAt: created, lastVerifiedAt: at(11.5) }, at(12))).toBe("expired");
  });
});

describe("sessionExpiresAt", () => {
  it("is the idle deadline while that comes first", () => {
    expect(sessionExpiresAt({ createdAt: created, lastVerifiedAt: at(1) })).toEqual(at(9));
  });

  it("is the absolute deadline once that comes first", () => {
    expect(sessionExpiresAt({ createdAt: created, lastVerifiedAt: at(6) })).toEqual(at(12));
  });
});
