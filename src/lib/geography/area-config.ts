import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const isoDate = z.iso.date({ error: "must be a date written YYYY-MM-DD" });

/**
 * A CSP's area: its local authority, the file holding its wards, and the attribution that must
 * travel with the boundaries. Herefordshire ships as the default; any CSP can point AREA_CONFIG
 * at its own.
 */
export const areaConfigSchema = z.object({
  localArea: z.object({
    gssCode: z.string().regex(/^[EWSN][0-9]{8}$/, { error: "must be a GSS code such as E06000019" }),
    name: z.string().min(1),
  }),
  partnershipName: z.string().min(1),
  wards: z.object({
    boundaries: z.string().min(1),
    codeProperty: z.string().default("code"),
    nameProperty: z.string().default("name"),
    boundaryVintage: z.string().min(1),
    validFrom: isoDate,
    validFromNote: z.string().optional(),
  }),
  reportingPeriodsFrom: isoDate,
  attribution: z.array(z.string().min(1)).min(1, { error: "must name the source of the boundaries" }),
});

export type AreaConfig = z.infer<typeof areaConfigSchema> & {
  /** Absolute path of the ward boundaries file, resolved against the config file's folder. */
  boundariesPath: string;
};

export async function readAreaConfig(configPath: string): Promise<AreaConfig> {
  const absolute = path.resolve(configPath);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    throw new Error(`Cannot read the area configuration ${absolute} (AREA_CONFIG): ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`The area configuration ${absolute} is not JSON: ${(error as Error).message}`);
  }
  const parsed = areaConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`The area configuration ${absolute} is not usable: ${problems}`);
  }
  return { ...parsed.data, boundariesPath: path.resolve(path.dirname(absolute), parsed.data.wards.boundaries) };
}
