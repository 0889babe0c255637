import type { RouteAccess } from "./roles";
import { routePatternOf } from "./route-pattern";

// Each page and endpoint declares who may use it, next to its own code:
//   export const access = { roles: ["administrator"] } satisfies RouteAccess;
// Reading every declaration here lets the middleware decide before the page runs at all,
// and refuse any route that declares nothing (default-deny).
const declarations = import.meta.glob<RouteAccess | undefined>(["/src/pages/**/*.astro", "/src/pages/**/*.ts"], {
  eager: true,
  import: "access",
});

const accessByPattern = new Map(Object.entries(declarations).map(([file, access]) => [routePatternOf(file), access]));

export function accessForRoute(routePattern: string): RouteAccess | undefined {
  return accessByPattern.get(routePattern);
}
