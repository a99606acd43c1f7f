// All SQL on `telephony_systems`. The secret passes through `sealTelephonySecret` / `openTelephonySecret`
// and nowhere else, so the sealing of secrets changes in one place.

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** The stored form of a phone system's signing secret (today the secret itself). */
export function sealTelephonySecret(secret: string): string {
  return secret;
}

/** The signing secret from its stored form. */
export function openTelephonySecret(stored: string): string {
  return stored;
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

function toSystem(row: {
  id: string;
  region_code: string;
  name: string;
  secret: string;
  unversioned_signature: boolean;
  disabled_at: Date | null;
  created_at: Date;
  secret_rotated_at: Date | null;
}): TelephonySystem {
  return {
    id: row.id,
    regionCode: row.region_code,
    name: row.name,
    secret: openTelephonySecret(row.secret),
    unversionedSignature: row.unversioned_signature,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    secretRotatedAt: row.secret_rotated_at,
  };
}

/** A phone system that may post events (not disabled). */
export async function findActiveTelephonySystem(
  db: Kysely<Database>,
  id: string,
): Promise<TelephonySystem | undefined> {
  const row = await db
    .selectFrom("telephony_systems")
    .selectAll()
    .where("id", "=", id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return row ? toSystem(row) : undefined;
}

export async function findTelephonySystemById(
  db: Kysely<Database>,
  id: string,
): Promise<TelephonySystem | undefined> {
  const row = await db.selectFrom("telephony_systems").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toSystem(row) : undefined;
}

export async function listTelephonySystemRows(
  db: Kysely<Database>,
  regionCode: string | null,
): Promise<TelephonySystem[]> {
  let query = db.selectFrom("telephony_systems").selectAll().orderBy("region_code").orderBy("id");
  if (regionCode !== null) query = query.where("region_code", "=", regionCode);
  return (await query.execute()).map(toSystem);
}

export async function insertTelephonySystem(
  db: Kysely<Database>,
  row: { id: string; regionCode: string; name: string; secret: string; unversionedSignature: boolean },
): Promise<void> {
  await db
    .insertInto("telephony_systems")
    .values({
      id: row.id,
      region_code: row.regionCode,
      name: row.name,
      secret: sealTelephonySecret(row.secret),
      unversioned_signature: row.unversionedSignature,
    })
    .execute();
}

export async function updateTelephonySystem(
  db: Kysely<Database>,
  id: string,
  change: { secret?: string; rotatedAt?: Date; disabledAt?: Date; unversionedSignature?: boolean },
): Promise<void> {
  await db
    .updateTable("telephony_systems")
    .set({
      ...(change.secret === undefined ? {} : { secret: sealTelephonySecret(change.secret) }),
      ...(change.rotatedAt === undefined ? {} : { secret_rotated_at: change.rotatedAt }),
      ...(change.disabledAt === undefined ? {} : { disabled_at: change.disabledAt }),
      ...(change.unversionedSignature === undefined
        ? {}
        : { unversioned_signature: change.unversionedSignature }),
    })
    .where("id", "=", id)
    .execute();
}
