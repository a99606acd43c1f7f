// All SQL on `telephony_systems`. The secret passes through `sealTelephonySecret` / `openTelephonySecret`
// and nowhere else. It is sealed, not hashed: verifying a request's HMAC needs the secret itself.

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Keyring, SealedAt } from "../../lib/sealing.ts";

export function telephonySecretSealedAt(systemId: string): SealedAt {
  return { table: "telephony_systems", column: "secret", row: systemId };
}

/** The stored form of a phone system's signing secret: sealed for its row (purpose `telephony-secret`). */
export function sealTelephonySecret(keyring: Keyring, systemId: string, secret: string): string {
  return keyring.seal("telephony-secret", secret, telephonySecretSealedAt(systemId));
}

/** The signing secret from its stored form. */
export function openTelephonySecret(keyring: Keyring, systemId: string, stored: string): string {
  return keyring.open("telephony-secret", stored, telephonySecretSealedAt(systemId));
}

export interface TelephonySystem {
  id: string;
  regionCode: string;
  name: string;
  secret: string;
  unversionedSignature: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  secretRotatedAt: Date | null;
}

function toSystem(
  keyring: Keyring,
  row: {
    id: string;
    region_code: string;
    name: string;
    secret: string;
    unversioned_signature: boolean;
    disabled_at: Date | null;
    created_at: Date;
    secret_rotated_at: Date | null;
  },
): TelephonySystem {
  return {
    id: row.id,
    regionCode: row.region_code,
    name: row.name,
    secret: openTelephonySecret(keyring, row.id, row.secret),
    unversionedSignature: row.unversioned_signature,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    secretRotatedAt: row.secret_rotated_at,
  };
}

/** A phone system that may post events (not disabled). */
export async function findActiveTelephonySystem(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
): Promise<TelephonySystem | undefined> {
  const row = await db
    .selectFrom("telephony_systems")
    .selectAll()
    .where("id", "=", id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return row ? toSystem(keyring, row) : undefined;
}

export async function findTelephonySystemById(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
): Promise<TelephonySystem | undefined> {
  const row = await db.selectFrom("telephony_systems").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toSystem(keyring, row) : undefined;
}

export async function listTelephonySystemRows(
  db: Kysely<Database>,
  keyring: Keyring,
  regionCode: string | null,
): Promise<TelephonySystem[]> {
  let query = db.selectFrom("telephony_systems").selectAll().orderBy("region_code").orderBy("id");
  if (regionCode !== null) query = query.where("region_code", "=", regionCode);
  return (await query.execute()).map((row) => toSystem(keyring, row));
}

export async function insertTelephonySystem(
  db: Kysely<Database>,
  keyring: Keyring,
  row: { id: string; regionCode: string; name: string; secret: string; unversionedSignature: boolean },
): Promise<void> {
  await db
    .insertInto("telephony_systems")
    .values({
      id: row.id,
      region_code: row.regionCode,
      name: row.name,
      secret: sealTelephonySecret(keyring, row.id, row.secret),
      unversioned_signature: row.unversionedSignature,
    })
    .execute();
}

export async function updateTelephonySystem(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
  change: { secret?: string; rotatedAt?: Date; disabledAt?: Date; unversionedSignature?: boolean },
): Promise<void> {
  await db
    .updateTable("telephony_systems")
    .set({
      ...(change.secret === undefined ? {} : { secret: sealTelephonySecret(keyring, id, change.secret) }),
      ...(change.rotatedAt === undefined ? {} : { secret_rotated_at: change.rotatedAt }),
      ...(change.disabledAt === undefined ? {} : { disabled_at: change.disabledAt }),
      ...(change.unversionedSignature === undefined
        ? {}
        : { unversioned_signature: change.unversionedSignature }),
    })
    .where("id", "=", id)
    .execute();
}
