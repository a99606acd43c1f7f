// All SQL of re-sealing: the rows whose sealed columns are not under the current key generation, read in
// id order by keyset, and guarded updates (a value changed since it was read is left to the next pass).

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** LIKE pattern of a value sealed under the generation `keyId` (hex, so nothing to escape). */
function currentPattern(keyId: string): string {
  return `v2.${keyId}.%`;
}

export interface ContactSeals {
  id: string;
  received_at: Date;
  identity_encrypted: string | null;
  identity_hash: string | null;
  phone_encrypted: string | null;
}

export async function contactsToReseal(
  db: Kysely<Database>,
  keyId: string,
  afterId: string | null,
  limit: number,
): Promise<ContactSeals[]> {
  const pattern = currentPattern(keyId);
  let query = db
    .selectFrom("contacts")
    .select(["id", "received_at", "identity_encrypted", "identity_hash", "phone_encrypted"])
    .where((eb) =>
      eb.or([
        eb.and([eb("identity_encrypted", "is not", null), eb("identity_encrypted", "not like", pattern)]),
        eb.and([eb("phone_encrypted", "is not", null), eb("phone_encrypted", "not like", pattern)]),
      ]),
    )
    .orderBy("id")
    .limit(limit);
  if (afterId !== null) query = query.where("id", ">", afterId);
  return query.execute();
}

/** Replaces a contact's sealed columns if they still hold what was read; the partition key bounds it. */
export async function updateContactSeals(
  db: Kysely<Database>,
  read: ContactSeals,
  next: Pick<ContactSeals, "identity_encrypted" | "identity_hash" | "phone_encrypted">,
): Promise<boolean> {
  const result = await db
    .updateTable("contacts")
    .set(next)
    .where("id", "=", read.id)
    .where("received_at", "=", read.received_at)
    .where((eb) =>
      eb.and([
        read.identity_encrypted === null
          ? eb("identity_encrypted", "is", null)
          : eb("identity_encrypted", "=", read.identity_encrypted),
        read.phone_encrypted === null
          ? eb("phone_encrypted", "is", null)
          : eb("phone_encrypted", "=", read.phone_encrypted),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface OutboxSeal {
  id: bigint;
  contact_id: string | null;
  recipient_encrypted: string;
}

export async function outboxToReseal(
  db: Kysely<Database>,
  keyId: string,
  afterId: bigint,
  limit: number,
): Promise<OutboxSeal[]> {
  const rows = await db
    .selectFrom("outbox_messages")
    .select(["id", "contact_id", "recipient_encrypted"])
    .where("recipient_encrypted", "is not", null)
    .where("recipient_encrypted", "not like", currentPattern(keyId))
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, recipient_encrypted: r.recipient_encrypted ?? "" }));
}

export async function updateOutboxSeal(
  db: Kysely<Database>,
  read: OutboxSeal,
  next: string,
): Promise<boolean> {
  const result = await db
    .updateTable("outbox_messages")
    .set({ recipient_encrypted: next })
    .where("id", "=", read.id)
    .where("recipient_encrypted", "=", read.recipient_encrypted)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface TelephonySeal {
  id: string;
  secret: string;
}

/** Phone systems are few: all of them at once. */
export async function telephonyToReseal(db: Kysely<Database>, keyId: string): Promise<TelephonySeal[]> {
  return db
    .selectFrom("telephony_systems")
    .select(["id", "secret"])
    .where("secret", "not like", currentPattern(keyId))
    .orderBy("id")
    .execute();
}

export async function updateTelephonySeal(
  db: Kysely<Database>,
  read: TelephonySeal,
  next: string,
): Promise<boolean> {
  const result = await db
    .updateTable("telephony_systems")
    .set({ secret: next })
    .where("id", "=", read.id)
    .where("secret", "=", read.secret)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteSettings(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  await db.deleteFrom("settings").where("key", "in", keys).execute();
}

export async function hasSetting(db: Kysely<Database>, key: string): Promise<boolean> {
  const row = await db.selectFrom("settings").select("key").where("key", "=", key).executeTakeFirst();
  return row !== undefined;
}
