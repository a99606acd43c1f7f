import {
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from "kysely";
import type {
  ContactEventKind,
  ContactEventsTable,
  ContactsTable,
  Database,
  UnitRow,
} from "../../db/schema.ts";
import type { Clock } from "../../lib/context.ts";
import type { Keyring } from "../../lib/sealing.ts";
import { applyContactRollupDelta } from "../statistics/rollups.repository.ts";
import type { ContactChange } from "./change-bus.ts";

export type ContactRow = Selectable<ContactsTable>;
export type ContactEventRow = Selectable<ContactEventsTable>;

/** A transaction that changes contacts: it remembers what changed, for the live worklists after commit. */
export interface ContactWork {
  trx: Transaction<Database>;
  clock: Clock;
  /** Seals the resident's address in the outbox (lib/sealing.ts). */
  keyring: Keyring;
  changed: ContactChange[];
  /** PUBLIC_BASE_URL, for absolute links in messages to residents. */
  publicBaseUrl?: string | undefined;
}

function nowDate(clock: Clock): Date {
  return new Date(clock.now().epochMilliseconds);
}

/**
 * The one place a contact row is written (docs/ARCHITECTURE.md "Same-day contacts"): inserts when `before` is null,
 * otherwise applies `patch` to that row; then updates the statistics rollups with the row before and after
 * in the same transaction, and records the change for the live worklists.
 */
export async function saveContactChange(
  work: ContactWork,
  before: ContactRow | null,
  patch: Insertable<ContactsTable> | Updateable<ContactsTable>,
  /** On insert: the contact_index row and the first history event, written in the same statement. */
  companions?: { index: ContactIndexInsert; event: ContactEventInsert },
): Promise<ContactRow> {
  const { trx } = work;
  let after: ContactRow;
  if (before === null && companions) {
    // One round trip instead of three: intake is the hot path (see bench/intake.ts).
    after = await trx
      .with("new_index", (db) => db.insertInto("contact_index").values(indexValues(companions.index)))
      .with("new_event", (db) => db.insertInto("contact_events").values(eventValues(companions.event)))
      .insertInto("contacts")
      .values(patch as Insertable<ContactsTable>)
      .returningAll()
      .executeTakeFirstOrThrow();
  } else if (before === null) {
    after = await trx
      .insertInto("contacts")
      .values(patch as Insertable<ContactsTable>)
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    after = await trx
      .updateTable("contacts")
      .set({ ...(patch as Updateable<ContactsTable>), updated_at: nowDate(work.clock) })
      .where("id", "=", before.id)
      .where("received_at", "=", before.received_at)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  await applyContactRollupDelta(trx, before, after);
  if (before !== null && before.unit_id !== after.unit_id) {
    work.changed.push({ regionCode: before.region_code, unitId: before.unit_id, contactId: before.id });
  }
  work.changed.push({ regionCode: after.region_code, unitId: after.unit_id, contactId: after.id });
  return after;
}

export interface ContactIndexInsert {
  contactId: string;
  regionCode: string;
  unitId: number;
  receivedAt: Date;
  externalId: string | null;
  statusTokenHash: string | null;
}

export interface ContactEventInsert {
  regionCode: string;
  contactId: string;
  at: Date;
  kind: ContactEventKind;
  actor: string;
  actorUserId?: number | null;
  data?: Record<string, unknown>;
}

function indexValues(row: ContactIndexInsert) {
  return {
    contact_id: row.contactId,
    region_code: row.regionCode,
    unit_id: row.unitId,
    received_at: row.receivedAt,
    external_id: row.externalId,
    status_token_hash: row.statusTokenHash,
  };
}

function eventValues(event: ContactEventInsert) {
  return {
    region_code: event.regionCode,
    contact_id: event.contactId,
    at: event.at,
    kind: event.kind,
    actor: event.actor,
    actor_user_id: event.actorUserId ?? null,
    data: JSON.stringify(event.data ?? {}),
  };
}

export async function insertContactIndex(trx: Transaction<Database>, row: ContactIndexInsert): Promise<void> {
  await trx.insertInto("contact_index").values(indexValues(row)).execute();
}

export async function moveContactIndex(trx: Transaction<Database>, contactId: string, unitId: number) {
  await trx
    .updateTable("contact_index")
    .set({ unit_id: unitId })
    .where("contact_id", "=", contactId)
    .execute();
}

export async function appendContactEvent(
  trx: Transaction<Database>,
  event: ContactEventInsert,
): Promise<void> {
  await trx.insertInto("contact_events").values(eventValues(event)).execute();
}

// An arbitrary namespace for pg_advisory_xact_lock(namespace, unit_id): intakes to one unit take turns
// choosing a slot, so two simultaneous intakes never both see the same free place. Other units proceed.
const SLOT_LOCK_NAMESPACE = 7_316_004;

export async function lockUnitSlots(trx: Transaction<Database>, unitId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SLOT_LOCK_NAMESPACE}, ${unitId})`.execute(trx);
}

const CALL_LOCK_NAMESPACE = 7_316_005;

/** Events of one phone call (different idempotency keys) take turns, so a call never becomes two contacts. */
export async function lockPhoneCall(
  trx: Transaction<Database>,
  unitId: number,
  callId: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CALL_LOCK_NAMESPACE}, hashtext(${`${unitId}:${callId}`}))`.execute(
    trx,
  );
}

// `contacts` is partitioned by month of received_at. A query without a received_at range is planned over
// every partition (about 13 ms of planning per query with 85 partitions, more than the query itself), so
// each query by service day also bounds received_at. Upper bound: a contact is served on or after its
// receipt date. Lower bound: its service day is the next open day, which lies within the unit's longest
// closure; 92 days covers any closure a unit with phone hours has, and an open contact older than that
// is stale data, not a worklist item.
const SERVICE_DAY_LOOKBACK_DAYS = 92;

function receivedAtWindowOf(serviceDay: string): { from: Date; to: Date } {
  const day = Date.parse(`${serviceDay}T00:00:00Z`);
  return {
    from: new Date(day - SERVICE_DAY_LOOKBACK_DAYS * 86_400_000),
    // Stockholm is at most two hours ahead of UTC: the end of the Stockholm day is before this.
    to: new Date(day + 86_400_000),
  };
}

/** The `where` that prunes partitions for a query by service day (see receivedAtWindowOf). */
function receivedForServiceDay(serviceDay: string) {
  const { from, to } = receivedAtWindowOf(serviceDay);
  return (eb: ExpressionBuilder<Database, "contacts">) =>
    eb.and([eb("received_at", ">=", from), eb("received_at", "<", to)]);
}

/**
 * Contacts per slot start (ISO instant, UTC) on the unit's service day, from `slot_occupancy` (migration
 * 0034, kept by triggers on contacts): a primary-key range read instead of a count over partitions. The
 * range is wider than the Stockholm day; slots of neighbouring days in it are never looked up.
 */
export async function takenSlots(
  db: Kysely<Database>,
  unitId: number,
  serviceDay: string,
): Promise<Map<string, number>> {
  const day = Date.parse(`${serviceDay}T00:00:00Z`);
  const rows = await db
    .selectFrom("slot_occupancy")
    .select(["slot_start", "taken"])
    .where("unit_id", "=", unitId)
    .where("slot_start", ">=", new Date(day - 86_400_000))
    .where("slot_start", "<", new Date(day + 2 * 86_400_000))
    .where("taken", ">", 0)
    .execute();
  const map = new Map<string, number>();
  for (const row of rows) map.set(isoInstant(row.slot_start), Number(row.taken));
  return map;
}

/**
 * Rebuilds `slot_occupancy` for units over Stockholm days `from`..`to` from the contacts themselves. The
 * triggers keep it right for every write; this is for repairs and for bulk paths that bypass triggers.
 */
export async function recomputeSlotOccupancy(
  trx: Kysely<Database>,
  unitIds: readonly number[],
  from: string,
  to: string,
): Promise<void> {
  if (unitIds.length === 0) return;
  await sql`select recompute_slot_occupancy(${sql.val([...unitIds])}::integer[], ${from}::date, ${to}::date)`.execute(
    trx,
  );
}

/** "2026-03-30T06:00:00Z", the format of slotKey(). */
export function isoInstant(value: Date): string {
  return value.toISOString().replace(/\.000Z$/, "Z");
}

export async function findContact(
  db: Kysely<Database>,
  contactId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContactRow | undefined> {
  const index = await db
    .selectFrom("contact_index")
    .select(["received_at"])
    .where("contact_id", "=", contactId)
    .executeTakeFirst();
  if (!index) return undefined;
  let query = db
    .selectFrom("contacts")
    .selectAll()
    .where("id", "=", contactId)
    .where("received_at", "=", index.received_at);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findContactIdByExternalId(
  db: Kysely<Database>,
  unitId: number,
  externalId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("contact_index")
    .select("contact_id")
    .where("unit_id", "=", unitId)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  return row?.contact_id;
}

/**
 * A person's contacts by the blind index of their identity number: pass every index the keyring gives
 * (`identityLookupHashes`, two while a rotation is under way). Not bounded by received_at: the look-up is
 * over all time, one index probe per partition (contacts_identity_hash_idx).
 */
export async function findContactIdsByIdentityHashes(
  db: Kysely<Database>,
  regionCode: string,
  hashes: readonly string[],
): Promise<string[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .selectFrom("contacts")
    .select("id")
    .where("region_code", "=", regionCode)
    .where("identity_hash", "in", hashes)
    .orderBy("received_at")
    .execute();
  return rows.map((r) => r.id);
}

export async function findContactIdByStatusHash(
  db: Kysely<Database>,
  hash: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("contact_index")
    .select("contact_id")
    .where("status_token_hash", "=", hash)
    .executeTakeFirst();
  return row?.contact_id;
}

export async function findUnitById(db: Kysely<Database>, unitId: number): Promise<UnitRow | undefined> {
  return db.selectFrom("units").selectAll().where("id", "=", unitId).executeTakeFirst();
}

export async function findBackupUnitIds(db: Kysely<Database>, regionCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom("units")
    .select("id")
    .where("region_code", "=", regionCode)
    .where("type", "=", "backup")
    .execute();
  return rows.map((r) => r.id);
}

/** The worklist of a unit's service day; on today's list also older contacts still open. */
export async function findWorklistRows(
  db: Kysely<Database>,
  unitId: number,
  date: string,
  includeOverdue: boolean,
): Promise<ContactRow[]> {
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("unit_id", "=", unitId)
    .where(receivedForServiceDay(date))
    .where((eb) =>
      includeOverdue
        ? eb.or([
            eb("service_day", "=", date),
            eb.and([eb("status", "=", "open"), eb("service_day", "<", date)]),
          ])
        : eb("service_day", "=", date),
    )
    .orderBy(sql`slot_start asc nulls last`)
    .orderBy("deadline", "asc")
    .orderBy("received_at", "asc")
    .execute();
}

/**
 * New or worsened problems not yet assessed, across days, by receipt date. Imported contacts are history
 * from another system, not work for this unit's staff.
 */
export async function findThreeDayRows(
  db: Kysely<Database>,
  unitId: number,
  today: string,
): Promise<ContactRow[]> {
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("unit_id", "=", unitId)
    .where(receivedForServiceDay(today))
    .where("source", "<>", "import")
    .where("new_problem", "=", true)
    .where("assessed_at", "is", null)
    .where("patient_chosen_wait", "=", false)
    .orderBy("receipt_date", "asc")
    .orderBy("received_at", "asc")
    .execute();
}

/** Today's open overflow of every unit in the region (for the backup team). */
export async function findRegionOverflowRows(
  db: Kysely<Database>,
  regionCode: string,
  date: string,
): Promise<ContactRow[]> {
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("region_code", "=", regionCode)
    .where(receivedForServiceDay(date))
    .where("service_day", "<=", date)
    .where("overflowed", "=", true)
    .where("status", "=", "open")
    .orderBy("deadline", "asc")
    .orderBy("received_at", "asc")
    .execute();
}

export async function findEventsOf(
  db: Kysely<Database>,
  contactIds: readonly string[],
  kinds?: readonly string[],
): Promise<ContactEventRow[]> {
  if (contactIds.length === 0) return [];
  let query = db.selectFrom("contact_events").selectAll().where("contact_id", "in", contactIds);
  if (kinds) query = query.where("kind", "in", kinds);
  return query.orderBy("id", "asc").execute();
}

export async function findUsersByIds(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("users").select(["id", "display_name"]).where("id", "in", ids).execute();
}

export async function findUnitsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("units").selectAll().where("id", "in", ids).execute();
}

/**
 * Claims an idempotency key inside the caller's transaction. A concurrent request with the same key waits
 * on the primary key until this transaction ends, then finds the stored row. Returns the existing row when
 * the key was used before.
 */
export async function claimIdempotencyKey(
  trx: Transaction<Database>,
  row: { systemId: string; key: string; regionCode: string; bodySha256: string },
): Promise<{ body_sha256: string; status_code: number; response: Record<string, unknown> } | null> {
  const inserted = await trx
    .insertInto("idempotency_keys")
    .values({
      system_id: row.systemId,
      key: row.key,
      region_code: row.regionCode,
      body_sha256: row.bodySha256,
      status_code: 0,
      response: "{}",
    })
    .onConflict((oc) => oc.columns(["system_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (inserted) return null;
  const existing = await trx
    .selectFrom("idempotency_keys")
    .select(["body_sha256", "status_code", "response"])
    .where("system_id", "=", row.systemId)
    .where("key", "=", row.key)
    .executeTakeFirstOrThrow();
  return existing;
}

export async function storeIdempotentResponse(
  trx: Transaction<Database>,
  systemId: string,
  key: string,
  statusCode: number,
  response: Record<string, unknown>,
): Promise<void> {
  await trx
    .updateTable("idempotency_keys")
    .set({ status_code: statusCode, response: JSON.stringify(response) })
    .where("system_id", "=", systemId)
    .where("key", "=", key)
    .execute();
}
