/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in staff member, or null; set by the authentication middleware. */
    user: import("~/lib/auth/auth-session").SessionUser | null;
    authSession: import("~/lib/auth/auth-session").AuthSession | null;
    /** Signed in with a password but still owing the two-factor code. */
    pendingTwoFactor: {
      user: import("~/lib/auth/auth-session").SessionUser;
      session: import("~/lib/auth/auth-session").AuthSession;
    } | null;
  }
}
