import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from "~/lib/auth/recovery-codes";

describe("generateRecoveryCodes", () => {
  it("makes 10 codes of four groups of four base32 characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const { display } of codes) expect(display).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
  });

  it("makes distinct codes", () => {
    const codes = generateRecoveryCodes(50);
    expect(new Set(codes.map((code) => code.display)).size).toBe(50);
  });

  it("pairs each code with the hash of its normalised form", () => {
    for (const { display, hash } of generateRecoveryCodes(3)) {
      const normalised = normaliseRecoveryCode(display);
      expect(normalised).not.toBeNull();
      expect(hash).toBe(hashRecoveryCode(normalised ?? ""));
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.each([0, -1, 2.5])("refuses a count of %d", (count) => {
    expect(() => generateRecoveryCodes(count)).toThrow(RangeError);
  });
});

describe("normaliseRecoveryCode", () => {
  it.each(["abcd-efgh-ijkl-mnop", "ABCD-EFGH-IJKL-MNOP", " abcd efgh ijkl mnop ", "abcdefghijklmnop", "abcd--efgh - ijkl\tmnop"])(
    "tolerates spaces, dashes and case: %j",
    (input) => {
      expect(normaliseRecoveryCode(input)).toBe("abcdefghijklmnop");
    },
  );

  it.each(["", "abcd-efgh-ijkl", "abcd-efgh-ijkl-mnopq", "abcd-efgh-ijkl-mno1", "abcd_efgh_ijkl_mnop", "a".repeat(10_000)])(
    "returns null for %j",
    (input) => {
      expect(normaliseRecoveryCode(input)).toBeNull();
    },
  );
});

describe("hashRecoveryCode", () => {
  it("is SHA-256 as lowercase hex (FIPS 180-2 test vector for 'abc')", () => {
    expect(hashRecoveryCode("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
