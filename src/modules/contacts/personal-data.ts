import { createHash, randomBytes } from "node:crypto";
import type { Keyring, SealedAt } from "../../lib/sealing.ts";

// Identity numbers and phone numbers are sealed (lib/sealing.ts, purpose `contact-personal-data`) and the
// identity number also kept as a blind index (purpose `identity-lookup`), so a resident's contacts can be
// found without opening anything. A value is bound to its contact's id, which the application generates
// before the insert (randomUUID), so the intake stays one statement and a sealed value copied to another
// contact or column does not open. These are plain functions of (keyring, value, place): no I/O.

export type PersonalColumn = "identity_encrypted" | "phone_encrypted";

export function contactSealedAt(column: PersonalColumn, contactId: string): SealedAt {
  return { table: "contacts", column, row: contactId };
}

export function sealPersonal(
  keyring: Keyring,
  column: PersonalColumn,
  contactId: string,
  plaintext: string,
): string {
  return keyring.seal("contact-personal-data", plaintext, contactSealedAt(column, contactId));
}

export function openPersonal(
  keyring: Keyring,
  column: PersonalColumn,
  contactId: string,
  stored: string,
): string {
  return keyring.open("contact-personal-data", stored, contactSealedAt(column, contactId));
}

/** The blind index stored with a new contact: keyed hash of the normalized (12-digit) identity number. */
export function identityHash(keyring: Keyring, normalizedIdentity: string): string {
  return keyring.blindIndex("identity-lookup", normalizedIdentity);
}

/** Every `identity_hash` a stored contact of this person may carry (two while a rotation is under way). */
export function identityLookupHashes(keyring: Keyring, normalizedIdentity: string): string[] {
  return keyring.blindIndexes("identity-lookup", normalizedIdentity);
}

/** The three personal columns of a new contact, sealed for its id. */
export function personalColumns(
  keyring: Keyring,
  contactId: string,
  fields: { identity: string | null; phone: string | null },
) {
  return {
    identity_encrypted: fields.identity
      ? sealPersonal(keyring, "identity_encrypted", contactId, fields.identity)
      : null,
    identity_hash: fields.identity ? identityHash(keyring, fields.identity) : null,
    phone_encrypted: fields.phone ? sealPersonal(keyring, "phone_encrypted", contactId, fields.phone) : null,
  };
}

/** The resident's status link token: 32 random bytes; only its SHA-256 is stored. */
export function newStatusToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: statusTokenHash(token) };
}

export function statusTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
