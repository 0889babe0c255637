import { z } from "zod";
import type { WardFeature } from "./ward-boundaries";

const gssCode = z.string().regex(/^[EWSN][0-9]{8}$/);

/** The wards are for an area already set up, or for a new one with its partnership and attribution. */
export type AreaChoice =
  | { kind: "existing"; gssCode: string }
  | { kind: "new"; gssCode: string; name: string; partnershipName: string; attribution: string[] };

/** A checked upload, as it waits in pending_upload between the preview and "Save these wards". */
export type BoundaryChangeRequest = { area: AreaChoice; effectiveDate: string; fileName: string; wards: WardFeature[] };

// The payload was written by previewBoundaryChange after every check, so this only guards against
// a row from an older release; the geometry is not checked again.
export const boundaryChangeRequestSchema = z.object({
  area: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("existing"), gssCode }),
    z.object({ kind: z.literal("new"), gssCode, name: z.string().min(1), partnershipName: z.string().min(1), attribution: z.array(z.string().min(1)).min(1) }),
  ]),
  effectiveDate: z.iso.date(),
  fileName: z.string(),
  wards: z.array(z.object({
    gssCode,
    name: z.string().min(1),
    boundary: z.custom<WardFeature["boundary"]>((value) => typeof value === "object" && value !== null && "coordinates" in value),
  })).min(1),
}) satisfies z.ZodType<BoundaryChangeRequest>;
