import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import { clientKey, clientNetwork } from "~/lib/auth/client-key";

const morning = new Date("2026-11-25T08:00:00Z");
const evening = new Date("2026-11-25T23:59:59Z");
const nextDay = new Date("2026-11-26T00:00:00Z");

describe("clientKey", () => {
  it("gives the same key for the same address on the same UTC day", () => {
    expect(clientKey("192.0.2.1", morning)).toBe(clientKey("192.0.2.1", evening));
  });

  it("gives different keys for different addresses", () => {
    expect(clientKey("192.0.2.1", morning)).not.toBe(clientKey("192.0.2.2", morning));
  });

  it("gives a different key for the same address on the next UTC day", () => {
    expect(clientKey("192.0.2.1", evening)).not.toBe(clientKey("192.0.2.1", nextDay));
  });

  it("is a salted SHA-256 hex digest, not a plain hash of the address", () => {
    const key = clientKey("192.0.2.1", morning);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(encodeHexLowerCase(sha256(new TextEncoder().encode("192.0.2.1"))));
  });

  it("treats addresses in one IPv6 /64 as one client", () => {
    expect(clientKey("2001:db8:1:2::1", morning)).toBe(clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd", morning));
    expect(clientKey("2001:db8:1:2::1", morning)).not.toBe(clientKey("2001:db8:1:3::1", morning));
  });
});

describe("clientNetwork", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["2001:DB8:0001:0002:0:0:0:1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["not an address", "not an address"],
    ["1:2:3:4:5:6:7:8::9", "1:2:3:4:5:6:7:8::9"],
  ])("reduces %s to %s", (address, network) => {
    expect(clientNetwork(address)).toBe(network);
  });
});
