import { writeFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { issueSetupLinkIfNoAdministrator } from "~/lib/auth/first-administrator";
import type { Database } from "~/lib/db/schema";

/**
 * What a newcomer needs to sign in: while no administrator exists, a fresh single-use set-up
 * link (also written to SETUP_LINK_FILE when set, for automated browser tests).
 */
export async function signInInstructions(db: Kysely<Database>, baseUrl: string): Promise<string[]> {
  const token = await issueSetupLinkIfNoAdministrator(db, new Date());
  if (token === null) return [`  Sign in:   ${baseUrl}/sign-in`];
  const link = `${baseUrl}/setup/${token}`;
  if (process.env.SETUP_LINK_FILE) writeFileSync(process.env.SETUP_LINK_FILE, link, { mode: 0o600 });
  return [
    "  Sign in:   there is no administrator yet. Create the first one with this link",
    "             (it works once, for 24 hours; restarting prints a new one):",
    `             ${link}`,
  ];
}
