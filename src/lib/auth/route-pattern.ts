/**
 * The route pattern Astro reports for a page file (`context.routePattern`):
 * `/src/pages/admin/users/index.astro` is `/admin/users`, `/src/pages/setup/[token].astro`
 * is `/setup/[token]`, and `/src/pages/index.astro` is `/`.
 */
export function routePatternOf(pageFile: string): string {
  const withoutRoot = pageFile.replace(/^.*?\/?src\/pages/, "").replace(/\.(astro|ts|js|md|mdx)$/, "");
  const withoutIndex = withoutRoot.replace(/\/index$/, "");
  return withoutIndex === "" ? "/" : withoutIndex;
}
