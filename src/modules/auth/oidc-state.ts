import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import { deriveKey } from "../../lib/sealing.ts";

// The state of one SITHS sign-in between the redirect to the provider and its callback (state, nonce, PKCE
// verifier, where to go afterwards) travels in a short-lived HttpOnly cookie, sealed with AES-256-GCM under
// a key of its own (HKDF from VARDNAV_SECRET): the browser can neither read the verifier nor change a field,
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

export function sealLoginState(secret: string | undefined, value: OidcLoginState): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret, "oidc-login-state"), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The sealed state, or null when it is missing, altered, sealed under another key, or expired. */
export function openLoginState(
  secret: string | undefined,
  sealed: string | undefined,
  nowMs: number,
): OidcLoginState | null {
  if (!sealed) return null;
  try {
    const bytes = Buffer.from(sealed, "base64url");
    if (bytes.length < 29) return null;
    const decipher = createDecipheriv(
      "aes-256-gcm",
      deriveKey(secret, "oidc-login-state"),
      bytes.subarray(0, 12),
    );
    decipher.setAuthTag(bytes.subarray(12, 28));
    const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
    const parsed = stateSchema.safeParse(JSON.parse(text));
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
