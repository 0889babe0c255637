import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

type WardVintage = { id: number; gssCode: string; name: string; validFrom: string; validTo: string | null };

/** Finds wards by code or by name as partners write them, in force on a response's date. */
export type WardMatcher = {
  byCode: (code: string, onDate: string) => WardVintage | null;
  byName: (name: string, onDate: string) => WardVintage | null;
  byId: (id: number) => WardVintage | null;
};

/**
 * Names are matched tolerantly, as partners type them: case, punctuation, accents, "&" for
 * "and", and a trailing "ward" do not matter ("Leominster East Ward", "leominster-east"). A name
 * or code is looked up among the wards in force on the response's date, so an older response
 * keeps the ward it was given when boundaries have changed since.
 */
export async function loadWardMatcher(db: Kysely<Database>): Promise<WardMatcher> {
  const rows = await db.selectFrom("ward").select(["id", "gss_code", "name", "valid_from", "valid_to"]).execute();
  const wards: WardVintage[] = rows.map((r) => ({ id: r.id, gssCode: r.gss_code, name: r.name, validFrom: String(r.valid_from), validTo: r.valid_to === null ? null : String(r.valid_to) }));
  const byCode = group(wards, (w) => w.gssCode);
  const byName = group(wards, (w) => wardNameKey(w.name));
  const byId = new Map(wards.map((w) => [w.id, w]));
  const inForce = (candidates: WardVintage[] | undefined, onDate: string) =>
    candidates?.find((w) => w.validFrom <= onDate && (w.validTo === null || w.validTo > onDate)) ?? null;
  return {
    byCode: (code, onDate) => inForce(byCode.get(code.trim().toUpperCase()), onDate),
    byName: (name, onDate) => inForce(byName.get(wardNameKey(name)), onDate),
    byId: (id) => byId.get(id) ?? null,
  };
}

export function wardNameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\bward\s*$/, "")
    .trim();
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
