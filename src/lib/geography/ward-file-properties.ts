/** Which properties of each GeoJSON feature hold the ward code and name. */
export type WardProperties = { codeProperty: string; nameProperty: string };

// ONS ward files name their properties by vintage: WD25CD and WD25NM in the May 2025 release,
// WD24CD in 2024's, and so on. WD25NMW is the Welsh name, which the name pattern leaves alone.
const ONS_CODE = /^WD(\d\d)CD$/i;
const ONS_NAME = /^WD(\d\d)NM$/i;

/**
 * The properties an administrator named, or else the first of "code"/"name" or the newest ONS
 * WDyyCD/WDyyNM found on the features. Looks at the first 20 features only: enough to find the
 * columns, cheap on a whole-country file. Falls back to "code"/"name", so the file check can then
 * say which property it looked in.
 */
export function detectWardProperties(json: unknown, chosen: Partial<WardProperties>): WardProperties {
  const keys = new Set<string>();
  const features = isObject(json) && Array.isArray(json.features) ? json.features.slice(0, 20) : [];
  for (const feature of features) {
    if (isObject(feature) && isObject(feature.properties)) Object.keys(feature.properties).forEach((key) => keys.add(key));
  }
  return {
    codeProperty: nonBlank(chosen.codeProperty) ?? pick(keys, "code", ONS_CODE),
    nameProperty: nonBlank(chosen.nameProperty) ?? pick(keys, "name", ONS_NAME),
  };
}

function pick(keys: Set<string>, plain: string, ons: RegExp): string {
  if (keys.has(plain)) return plain;
  const newest = [...keys].filter((key) => ons.test(key)).sort((a, b) => Number(ons.exec(b)![1]) - Number(ons.exec(a)![1]))[0];
  return newest ?? plain;
}

const nonBlank = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
