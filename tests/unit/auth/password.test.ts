import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "~/lib/auth/password";

describe("hashPassword", () => {
  it("uses argon2id with 19 MiB, 2 iterations and parallelism 1 (OWASP minimum)", async () => {
    expect(await hashPassword("purple monkey dishwasher")).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("salts each hash, so the same password hashes differently", async () => {
    expect(await hashPassword("purple monkey dishwasher")).not.toBe(await hashPassword("purple monkey dishwasher"));
  });

  it("refuses input longer than any policy allows", async () => {
    await expect(hashPassword("a".repeat(1025))).rejects.toThrow(RangeError);
  });
});

describe("verifyPassword", () => {
  it("accepts the password that was hashed and rejects another", async () => {
    const stored = await hashPassword("purple monkey dishwasher");
    expect(await verifyPassword(stored, "purple monkey dishwasher")).toBe(true);
    expect(await verifyPassword(stored, "purple monkey dishwashers")).toBe(false);
  });

  it("matches an accented password however the accent was composed (NFKC)", async () => {
    const stored = await hashPassword("caf\u00e9 au lait please");
    expect(await verifyPassword(stored, "cafe\u0301 au lait please")).toBe(true);
  });

  it.each([
    ["an empty hash", ""],
    ["text that is not a hash", "not-a-hash"],
    ["a truncated argon2 hash", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA"],
    ["a bcrypt hash", "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"],
  ])("returns false rather than throwing for %s", async (_, stored) => {
    expect(await verifyPassword(stored, "purple monkey dishwasher")).toBe(false);
  });

  it("returns false for an over-long password without hashing it", async () => {
    const stored = await hashPassword("purple monkey dishwasher");
    expect(await verifyPassword(stored, "a".repeat(1025))).toBe(false);
  });
});
