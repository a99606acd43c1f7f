import { createDecipheriv, createHash, type KeyObject } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { legacyPersonalDataKey } from "../../lib/sealing.ts";

// The two schemes before migration 0031, kept only to read their values once while re-sealing them:
// - contacts: `v1:` + base64(IV 12 ‖ tag 16 ‖ ciphertext), AES-256-GCM, no associated data, under a key
//   derived from VARDNAV_SECRET or from a secret generated into settings `personal_data_secret`;
// - outbox: the same envelope under SHA-256("vardnav-outbox:" + settings `notifications.recipient_key`).
// Phone-system secrets were stored in clear.

export const LEGACY_PERSONAL_DATA_SETTING = "personal_data_secret";
export const LEGACY_RECIPIENT_KEY_SETTING = "notifications.recipient_key";
const LEGACY_PREFIX = "v1:";

export interface LegacyKeys {
  personalData: readonly KeyObject[];
  recipient: Buffer | null;
}

async function settingText(db: Kysely<Database>, key: string): Promise<string | null> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return typeof row?.value === "string" ? row.value : null;
}

/** The old keys: those from the configured secrets (the keyring's) and those kept in `settings`. */
export async function loadLegacyKeys(
  db: Kysely<Database>,
  fromSecrets: readonly KeyObject[],
): Promise<LegacyKeys> {
  const generated = await settingText(db, LEGACY_PERSONAL_DATA_SETTING);
  const recipientMaterial = await settingText(db, LEGACY_RECIPIENT_KEY_SETTING);
  return {
    personalData: [...fromSecrets, ...(generated ? [legacyPersonalDataKey(generated)] : [])],
    recipient:
      recipientMaterial && recipientMaterial.length >= 32
        ? createHash("sha256").update(`vardnav-outbox:${recipientMaterial}`).digest()
        : null,
  };
}

export function isLegacySealed(stored: string): boolean {
  return stored.startsWith(LEGACY_PREFIX);
}

function openWith(key: KeyObject | Buffer, raw: Buffer): string | null {
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A legacy `v1:` value opened under the first key that authenticates it, or null. */
export function openLegacy(keys: readonly (KeyObject | Buffer)[], stored: string): string | null {
  if (!isLegacySealed(stored)) return null;
  const raw = Buffer.from(stored.slice(LEGACY_PREFIX.length), "base64");
  for (const key of keys) {
    const plain = openWith(key, raw);
    if (plain !== null) return plain;
  }
  return null;
}
