import { z } from "zod";
import { ROLES } from "./roles";

export const inviteSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "Enter the email address of the person to invite" })
    .max(320, { error: "Email address must be 320 characters or fewer" })
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.org" })),
  role: z.enum(ROLES, { error: "Select a role" }),
  partnerSourceIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.string().regex(/^[1-9][0-9]{0,8}$/, { error: "Select partner sources from the list" }).transform(Number))),
});

export const INVITE_FIELDS = ["email", "role", "partnerSourceIds"] as const;

export const roleChangeSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES, { error: "Select a role" }),
});
