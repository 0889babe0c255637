import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~/lib/db/schema";
import { listCurrentWardBoundaries, type CurrentWard } from "./current-wards";
import { wardContaining } from "./point-in-ward";

export const locationSchema = z.object({
  latitude: z.coerce.number().min(-90).max(90),
  longitude: z.coerce.number().min(-180).max(180),
});

/** The ward in force today that contains a point, or null outside the area. The point is not kept. */
export async function wardAtLocation(db: Kysely<Database>, point: z.infer<typeof locationSchema>, onDate: string): Promise<CurrentWard | null> {
  const wards = await listCurrentWardBoundaries(db, onDate);
  const id = wardContaining(point, wards);
  return wards.find((ward) => ward.id === id) ?? null;
}
