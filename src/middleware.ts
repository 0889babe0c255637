import { sequence } from "astro:middleware";
import { securityHeaders } from "~/lib/http/security-headers";

export const onRequest = sequence(securityHeaders);
