import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/*
 * Client keys for the sign-in throttle. The address is hashed with a random salt made per process
 * and per UTC day, so neither the address nor anything that links one day's key to the next is
 * kept, even in memory. (A lock that spans midnight UTC therefore ends early for the client key;
 * the account key still holds.) IPv6 addresses are cut to their /64 network first, because one
 * home or server usually has a whole /64 and could otherwise rotate addresses to dodge the limit.
 */
const daySalts = new Map<string, Uint8Array>();

function saltFor(day: string): Uint8Array {
  let salt = daySalts.get(day);
  if (salt === undefined) {
    salt = crypto.getRandomValues(new Uint8Array(32));
    daySalts.set(day, salt);
    for (const old of daySalts.keys()) if (daySalts.size > 2) daySalts.delete(old);
  }
  return salt;
}

/** "::ffff:192.0.2.1" to "192.0.2.1"; "2001:db8:0:0:1::2" to "2001:db8:0:0::/64"; else as given. */
export function clientNetwork(address: string): string {
  const text = address.trim().toLowerCase().replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!text.includes(":")) return text;
  const halves = text.split("::");
  if (halves.length > 2) return text;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 && missing < 1) return text;
  const groups = halves.length === 2 ? [...head, ...Array<string>(missing).fill("0"), ...tail] : head;
  const network = groups.slice(0, 4);
  if (groups.length !== 8 || !network.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return text;
  return `${network.map((group) => parseInt(group, 16).toString(16)).join(":")}::/64`;
}

/** SHA-256(salt of the UTC day + client network), as hex. */
export function clientKey(address: string, now: Date): string {
  const salt = saltFor(now.toISOString().slice(0, 10));
  const network = new TextEncoder().encode(clientNetwork(address));
  const input = new Uint8Array(salt.length + network.length);
  input.set(salt);
  input.set(network, salt.length);
  return encodeHexLowerCase(sha256(input));
}
