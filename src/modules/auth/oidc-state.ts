import { z } from "zod";
import type { Keyring } from "../../lib/sealing.ts";

// The state of one SITHS sign-in between the redirect to the provider and its callback (state, nonce, PKCE
// verifier, where to go afterwards) travels in a short-lived HttpOnly cookie, sealed by the keyring under
// a key of its own (purpose oidc-login-state): the browser can neither read the verifier nor change a field,
// and the server keeps nothing for a sign-in that is never finished.

/** Minutes the person has to finish at the provider. */
export const OIDC_STATE_MINUTES = 10;

const stateSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  returnTo: z.string(),
  expiresAt: z.number(),
});
export type OidcLoginState = z.infer<typeof stateSchema>;

// The cookie is the value's only home: binding it there keeps a sealed value of any other place out.
const STATE_PLACE = { table: "cookie", column: "vardnav_oidc", row: "login-state" } as const;

export function sealLoginState(keyring: Keyring, value: OidcLoginState): string {
  return keyring.seal("oidc-login-state", JSON.stringify(value), STATE_PLACE);
}

/** The sealed state, or null when it is missing, altered, sealed under another key, or expired. */
export function openLoginState(
  keyring: Keyring,
  sealed: string | undefined,
  nowMs: number,
): OidcLoginState | null {
  if (!sealed) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(keyring.open("oidc-login-state", sealed, STATE_PLACE)));
    if (!parsed.success || parsed.data.expiresAt <= nowMs) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** Only a path inside the web app survives as the place to land after sign-in (no "//host", no URL). */
export function appPathOr(value: string | undefined, fallback: string): string {
  return value !== undefined && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : fallback;
}
