import type { AstroCookies } from "astro";
import { isLocalHttp } from "~/lib/http/is-local-http";
import { DRAFT_COOKIE, DRAFT_LIFETIME_MS } from "./survey-drafts";

/** The draft cookie is scoped to its survey's pages and lives no longer than the draft. */
export function setDraftCookie(cookies: AstroCookies, url: URL, slug: string, token: string): void {
  cookies.set(DRAFT_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: `/surveys/${slug}`,
    secure: !isLocalHttp(url),
    maxAge: DRAFT_LIFETIME_MS / 1000,
  });
}

export function deleteDraftCookie(cookies: AstroCookies, url: URL, slug: string): void {
  cookies.delete(DRAFT_COOKIE, { path: `/surveys/${slug}`, httpOnly: true, sameSite: "lax", secure: !isLocalHttp(url) });
}

export const readDraftCookie = (cookies: AstroCookies) => cookies.get(DRAFT_COOKIE)?.value;
