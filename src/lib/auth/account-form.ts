import { z } from "zod";
import { passwordErrorMessage, type PasswordError } from "./password-policy";
import type { CreateAccountProblem } from "./create-account";
import type { LinkProblem } from "./one-time-links";

export const newAccountSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "Enter your email address" })
    .max(320, { error: "Email address must be 320 characters or fewer" })
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.org" })),
  displayName: z.string().trim().min(1, { error: "Enter your name" }).max(120, { error: "Name must be 120 characters or fewer" }),
  password: z.string().min(1, { error: "Enter a password" }).max(1024, { error: "Password must be 256 characters or fewer" }),
});

export const NEW_ACCOUNT_FIELDS = ["email", "displayName", "password"] as const;

/** Which field a refused account belongs to, and what to tell the person. */
export function accountProblemMessage(problem: CreateAccountProblem): { field: string; text: string } {
  switch (problem) {
    case "EmailTaken":
      return { field: "email", text: "An account with this email address already exists: sign in instead" };
    case "AdministratorExists":
    case "LinkNotFound":
    case "LinkExpired":
    case "LinkUsed":
      return { field: "form", text: "This link can no longer be used" };
    default:
      return { field: "password", text: passwordErrorMessage(problem as PasswordError) };
  }
}

/** The link problem to show as its own page, when a refused account is the link's fault. */
export function linkProblemOf(problem: CreateAccountProblem): LinkProblem | null {
  if (problem === "LinkNotFound" || problem === "LinkExpired" || problem === "LinkUsed") return problem;
  // Someone else finished first-run set-up meanwhile: to this visitor the link is spent.
  return problem === "AdministratorExists" ? "LinkUsed" : null;
}
