import type { AstroCookies } from "astro";
import { isLocalHttp } from "~/lib/http/is-local-http";

export const SESSION_COOKIE = "np_session";

/** HttpOnly and SameSite=Lax always; Secure everywhere but plain-http localhost development. */
export function setSessionCookie(cookies: AstroCookies, url: URL, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: !isLocalHttp(url),
    expires: expiresAt,
  });
}

export function deleteSessionCookie(cookies: AstroCookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", path: "/", secure: !isLocalHttp(url) });
}
