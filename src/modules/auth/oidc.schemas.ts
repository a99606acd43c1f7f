import { z } from "zod";

// Request shapes of SITHS sign-in (docs/API.md). Both routes are browser navigations that answer with a
// redirect (`redirectResponse` in http/responses.ts), never JSON on success.

export const oidcLoginQuery = z.object({
  /** Where in the web app to land after sign-in; only a path inside the app is followed. */
  redirect: z.string().max(2000).optional(),
});

/**
 * What the provider sends back to the callback (OpenID Connect Core 3.1.2.5 and 3.1.2.6, RFC 9207's
 * `iss`). The callback hands the query as it came to openid-client, which checks it.
 */
export const oidcCallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(1000).optional(),
  iss: z.string().max(2000).optional(),
  session_state: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});
