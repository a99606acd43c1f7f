import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { sql } from "kysely";
import type { ServiceContext } from "../../lib/context.ts";
import { readSetting } from "../../lib/settings.ts";

// Identity numbers and phone numbers are stored encrypted (AES-256-GCM) and the identity number also as
// a keyed hash (HMAC-SHA256), so a resident's contacts can be found without decrypting anything. Both
// keys are derived (HKDF) from config VARDNAV_SECRET, or, when that is not set, from a secret generated
// once per database and kept in `settings`, so an embedded install works without configuration.

export const GENERATED_SECRET_KEY = "personal_data_secret";

export interface PersonalDataKeys {
  encryption: KeyObject;
  hashing: KeyObject;
  /**
   * With VARDNAV_SECRET set on a database that started without it: the generated secret's keys, so
   * data written before the secret was configured can still be read. New data uses the configured key.
   */
  previous?: { encryption: KeyObject; hashing: KeyObject } | undefined;
}

const ENCRYPTED_PREFIX = "v1:";
// Derived keys per database handle and secret: reading settings on every intake would cost a round trip.
const cache = new WeakMap<object, Map<string, PersonalDataKeys>>();

function derive(secret: string): PersonalDataKeys {
  const material = Buffer.from(secret, "utf8");
  // KeyObjects, not Buffers: the cipher then skips importing the key material on every call.
  const key = (info: string) =>
    createSecretKey(Buffer.from(hkdfSync("sha256", material, "vardnav", info, 32)));
  return { encryption: key("personal-data-encryption"), hashing: key("identity-number-hash") };
}

async function generatedSecret(ctx: ServiceContext): Promise<string> {
  const existing = await readSetting<string>(ctx.db, GENERATED_SECRET_KEY);
  if (existing) return existing;
  // Two processes starting at once must end up with the same secret: insert only if absent, then re-read.
  const candidate = randomBytes(32).toString("base64url");
  await sql`insert into settings (key, value) values (${GENERATED_SECRET_KEY}, ${JSON.stringify(candidate)})
    on conflict (key) do nothing`.execute(ctx.db);
  const stored = await readSetting<string>(ctx.db, GENERATED_SECRET_KEY);
  if (!stored) throw new Error("The generated personal-data secret could not be stored.");
  return stored;
}

export async function personalDataKeys(ctx: ServiceContext): Promise<PersonalDataKeys> {
  const slot = ctx.secret ?? "(generated)";
  let perDb = cache.get(ctx.db);
  if (!perDb) {
    perDb = new Map();
    cache.set(ctx.db, perDb);
  }
  const cached = perDb.get(slot);
  if (cached) return cached;
  let keys: PersonalDataKeys;
  if (ctx.secret) {
    const earlier = await readSetting<string>(ctx.db, GENERATED_SECRET_KEY);
    keys = { ...derive(ctx.secret), previous: earlier ? derive(earlier) : undefined };
  } else {
    keys = derive(await generatedSecret(ctx));
  }
  perDb.set(slot, keys);
  return keys;
}

export function encryptText(keys: PersonalDataKeys, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.encryption, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${ENCRYPTED_PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

function decryptWith(key: KeyObject, raw: Buffer): string {
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export function decryptText(keys: PersonalDataKeys, stored: string): string {
  if (!stored.startsWith(ENCRYPTED_PREFIX)) throw new Error("Unknown encryption format.");
  const raw = Buffer.from(stored.slice(ENCRYPTED_PREFIX.length), "base64");
  try {
    return decryptWith(keys.encryption, raw);
  } catch (error) {
    // GCM authentication fails under the wrong key; data from before VARDNAV_SECRET was set uses the old one.
    if (keys.previous) return decryptWith(keys.previous.encryption, raw);
    throw error;
  }
}

/** Keyed hash of a normalized (12-digit) identity number, for look-up without decryption. */
export function identityHash(keys: PersonalDataKeys, normalizedIdentity: string): string {
  return createHmac("sha256", keys.hashing).update(normalizedIdentity).digest("hex");
}

/** The resident's status link token: 32 random bytes; only its SHA-256 is stored. */
export function newStatusToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: statusTokenHash(token) };
}

export function statusTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
