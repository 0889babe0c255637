import { describe, expect, it } from "vitest";
import { generateLinkToken, hashLinkToken, isLinkTokenExpired, linkTokenExpiresAt } from "~/lib/auth/one-time-token";

const issued = new Date("2026-11-25T09:00:00Z");
const later = (ms: number) => new Date(issued.getTime() + ms);
const HOUR = 60 * 60 * 1000;

describe("generateLinkToken", () => {
  it("makes 52 lowercase base32 characters (256 bits)", () => {
    expect(generateLinkToken()).toMatch(/^[a-z2-7]{52}$/);
  });

  it("makes a different token each time", () => {
    expect(new Set(Array.from({ length: 50 }, generateLinkToken)).size).toBe(50);
  });
});

describe("hashLinkToken", () => {
  it("is SHA-256 as lowercase hex (FIPS 180-2 test vector for 'abc')", () => {
    expect(hashLinkToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("gives the same hash for the same token and a different one for another token", () => {
    const token = generateLinkToken();
    expect(hashLinkToken(token)).toBe(hashLinkToken(token));
    expect(hashLinkToken(token)).not.toBe(hashLinkToken(generateLinkToken()));
  });
});

describe("link token validity", () => {
  it("lets a setup link work for 24 hours", () => {
    expect(linkTokenExpiresAt("setup", issued)).toEqual(later(24 * HOUR));
    expect(isLinkTokenExpired("setup", issued, later(24 * HOUR - 1))).toBe(false);
    expect(isLinkTokenExpired("setup", issued, later(24 * HOUR))).toBe(true);
  });

  it("lets an invitation work for 7 days", () => {
    expect(isLinkTokenExpired("invitation", issued, later(7 * 24 * HOUR - 1))).toBe(false);
    expect(isLinkTokenExpired("invitation", issued, later(7 * 24 * HOUR))).toBe(true);
  });
});
