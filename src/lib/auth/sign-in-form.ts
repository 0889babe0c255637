import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, { error: "Enter your email address" }).max(320, { error: "Email address must be 320 characters or fewer" }),
  password: z.string().min(1, { error: "Enter your password" }).max(1024, { error: "Password must be 1024 characters or fewer" }),
});

/** Only a path on this site: never `//elsewhere` or `https://…`, so sign-in cannot redirect away. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/account";
  return value;
}
