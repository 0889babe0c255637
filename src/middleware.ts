import { sequence } from "astro:middleware";
import { authentication } from "~/lib/auth/authentication-middleware";
import { authorisation } from "~/lib/auth/authorisation-middleware";
import { formBodyGuard } from "~/lib/http/form-body-guard";
import { securityHeaders } from "~/lib/http/security-headers";

export const onRequest = sequence(securityHeaders, formBodyGuard, authentication, authorisation);
