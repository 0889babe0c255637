import { generateTOTP } from "@oslojs/otp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateTotpKey, normaliseTotpCode, totpKeyUri, totpStep, verifyTotpCode } from "~/lib/auth/totp";

// RFC 6238 Appendix B: SHA-1 seed is the ASCII string "12345678901234567890".
const rfcKey = new TextEncoder().encode("12345678901234567890");
const seconds = (s: number) => new Date(s * 1000);

describe("verifyTotpCode", () => {
  // RFC 6238 Appendix B, SHA-1 rows; a 6-digit code is the last 6 digits of the 8-digit one.
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("accepts the RFC 6238 test vector at T = %i (%s)", (time, eightDigits) => {
    const result = verifyTotpCode(rfcKey, eightDigits.slice(2), { now: seconds(time), lastUsedStep: null });
    expect(result).toEqual({ ok: true, value: totpStep(seconds(time)) });
  });

  it("accepts a code typed with spaces", () => {
    expect(verifyTotpCode(rfcKey, " 287 082 ", { now: seconds(59), lastUsedStep: null }).ok).toBe(true);
  });

  it("accepts the code from 30 seconds before or after", () => {
    // "287082" belongs to step 1 (30 s to 59 s).
    expect(verifyTotpCode(rfcKey, "287082", { now: seconds(89), lastUsedStep: null })).toEqual({ ok: true, value: 1 });
    expect(verifyTotpCode(rfcKey, "287082", { now: seconds(29), lastUsedStep: null })).toEqual({ ok: true, value: 1 });
  });

  it("rejects the code from two steps ago", () => {
    expect(verifyTotpCode(rfcKey, "287082", { now: seconds(90), lastUsedStep: null })).toEqual({
      ok: false,
      error: "Incorrect",
    });
  });

  it("rejects a wrong code", () => {
    expect(verifyTotpCode(rfcKey, "287083", { now: seconds(59), lastUsedStep: null })).toEqual({
      ok: false,
      error: "Incorrect",
    });
  });

  it.each(["", "28708", "2870822", "28708a", "287-082", "94287082"])("rejects %j as not six digits", (code) => {
    expect(verifyTotpCode(rfcKey, code, { now: seconds(59), lastUsedStep: null })).toEqual({
      ok: false,
      error: "NotSixDigits",
    });
  });

  it("refuses a code whose step was already used", () => {
    expect(verifyTotpCode(rfcKey, "287082", { now: seconds(59), lastUsedStep: 1 })).toEqual({
      ok: false,
      error: "AlreadyUsed",
    });
  });

  it("accepts a later code after an earlier step was used", () => {
    expect(verifyTotpCode(rfcKey, "287082", { now: seconds(59), lastUsedStep: 0 })).toEqual({ ok: true, value: 1 });
  });
});

describe("verifyTotpCode with codes an authenticator app would show", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("accepts the code @oslojs/otp generates for the current time", () => {
    const key = generateTotpKey();
    const now = new Date("2026-11-25T10:15:07Z");
    vi.useFakeTimers();
    vi.setSystemTime(now);
    const code = generateTOTP(key, 30, 6);
    vi.useRealTimers();
    expect(verifyTotpCode(key, code, { now, lastUsedStep: null })).toEqual({ ok: true, value: totpStep(now) });
  });
});

describe("generateTotpKey", () => {
  it("makes a different 20-byte key each time", () => {
    const a = generateTotpKey();
    const b = generateTotpKey();
    expect(a).toHaveLength(20);
    expect(a).not.toEqual(b);
  });
});

describe("totpKeyUri", () => {
  it("names the service as issuer and carries the key in base32 with 30-second, 6-digit codes", () => {
    const uri = totpKeyUri({ accountName: "jane@example.gov.uk", key: rfcKey });
    const [label, query] = uri.split("?");
    expect(label).toBe("otpauth://totp/Neighbourhood%20Pulse:jane%40example.gov.uk");
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      issuer: "Neighbourhood Pulse",
      algorithm: "SHA1",
      secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
      period: "30",
      digits: "6",
    });
  });
});

describe("normaliseTotpCode", () => {
  it("removes spaces, tabs and line breaks", () => {
    expect(normaliseTotpCode(" 12 34\t5\n6 ")).toBe("123456");
  });
});
