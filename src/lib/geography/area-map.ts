import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { listCurrentWardBoundaries } from "./current-wards";
import { projectWards, type WardMap } from "./ward-map-svg";

// Projection is deterministic and the wards change only at a boundary review, so the map is
// drawn once per database, date and ward set.
const cache = new WeakMap<Kysely<Database>, Map<string, WardMap>>();

/** The area's wards in force on a date, drawn as an SVG map `width` pixels wide. */
export async function areaMap(db: Kysely<Database>, onDate: string, width = 600): Promise<WardMap> {
  const wards = await listCurrentWardBoundaries(db, onDate);
  const key = `${width}:${wards.map((w) => w.id).join(",")}`;
  let maps = cache.get(db);
  if (!maps) cache.set(db, (maps = new Map()));
  let map = maps.get(key);
  if (!map) {
    map = projectWards(wards, { width });
    maps.set(key, map);
  }
  return map;
}
