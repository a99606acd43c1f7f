import { hkdfSync } from "node:crypto";

/**
 * Key material for everything Vårdnav keys or seals. Every key is derived (HKDF-SHA-256) from config
 * VARDNAV_SECRET with a purpose of its own, so one use's key never serves another and none is stored in
 * the database. Without VARDNAV_SECRET (a developer's machine) a fixed, public development secret is
 * used so the README's first command just works; the runtime warns about it in the log, and such keys
 * protect nothing against anyone who has read this file.
 */
export const DEVELOPMENT_SECRET = "vardnav-development-secret-not-for-real-data";

export type KeyPurpose = "audit-log-chain" | "oidc-login-state";

const cache = new Map<string, Buffer>();

export function deriveKey(secret: string | undefined, purpose: KeyPurpose): Buffer {
  const material = secret ?? DEVELOPMENT_SECRET;
  const cacheKey = `${purpose}\u0000${material}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const key = Buffer.from(hkdfSync("sha256", material, "vardnav", `vardnav ${purpose} v1`, 32));
  cache.set(cacheKey, key);
  return key;
}
