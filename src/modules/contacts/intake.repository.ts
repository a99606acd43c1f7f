import { type Kysely, sql } from "kysely";
import type { Database, UnitRow } from "../../db/schema.ts";

/** A unit row with its row version (PostgreSQL's xmin), which changes with every update of the row. */
export interface VersionedUnit {
  unit: UnitRow;
  version: string;
}

export async function findUnitWithVersion(
  db: Kysely<Database>,
  hsaId: string,
): Promise<VersionedUnit | undefined> {
  const row = await db
    .selectFrom("units")
    .selectAll()
    .select(sql<string>`xmin::text`.as("row_version"))
    .where("hsa_id", "=", hsaId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { row_version, ...unit } = row;
  return { unit, version: row_version };
}

/** Everything `intake_contact` (migration 0034) writes, computed by the app before the one statement. */
export interface IntakeStatement {
  unitId: number;
  unitVersion: string;
  id: string;
  regionCode: string;
  receivedAt: Date;
  source: "web" | "staff";
  channel: string;
  receiptDate: string;
  serviceDay: string;
  inPhoneHours: boolean;
  deadline: Date;
  newProblem: boolean;
  identityEncrypted: string | null;
  identityHash: string | null;
  phoneEncrypted: string | null;
  description: string | null;
  callbackWindow: string;
  statusTokenHash: string | null;
  eventActor: string;
  eventActorUserId: number | null;
  eventData: Record<string, unknown>;
  /** Candidate slots in the order they are tried (preferred window first), not yet ended. */
  slotStarts: readonly Date[];
  /** Per candidate: its key in the history event ("2026-03-30T06:00:00Z"). */
  slotKeys: readonly string[];
  /** Per candidate: the receipt's promise sentence for that slot. */
  slotTexts: readonly string[];
  callsPerSlot: number;
  rollupIfSlot: unknown;
  rollupIfOverflow: unknown;
  outboxRecipient: string | null;
  /** The receipt with `{{promise}}` where the slot's promise sentence goes; null: no message. */
  outboxBody: string | null;
  outboxOverflowBody: string | null;
  audit: Record<string, unknown> | null;
}

export type IntakeOutcome = { outcome: "stale_unit" } | { outcome: "created"; slotIndex: number | null };

const timestamp = (d: Date) => d.toISOString();

/**
 * One autocommitted statement: when it returns, the contact, its index and history rows, the rollup
 * deltas, the receipt and the pending audit entry are committed together (or none of them).
 */
export async function runIntakeStatement(db: Kysely<Database>, p: IntakeStatement): Promise<IntakeOutcome> {
  // Prepared once per connection on PostgreSQL (src/db/prepared.ts): the call is the same text every time.
  const result = await sql<{
    outcome: string;
    slot_index: number | null;
  }>`/* prepared:intake_contact */
    select outcome, slot_index from intake_contact(
      p_unit_id => ${p.unitId}::integer,
      p_unit_version => ${p.unitVersion}::text,
      p_id => ${p.id}::uuid,
      p_region_code => ${p.regionCode}::text,
      p_received_at => ${timestamp(p.receivedAt)}::timestamptz,
      p_source => ${p.source}::text,
      p_channel => ${p.channel}::text,
      p_receipt_date => ${p.receiptDate}::date,
      p_service_day => ${p.serviceDay}::date,
      p_in_phone_hours => ${p.inPhoneHours}::boolean,
      p_deadline => ${timestamp(p.deadline)}::timestamptz,
      p_new_problem => ${p.newProblem}::boolean,
      p_identity_encrypted => ${p.identityEncrypted}::text,
      p_identity_hash => ${p.identityHash}::text,
      p_phone_encrypted => ${p.phoneEncrypted}::text,
      p_description => ${p.description}::text,
      p_callback_window => ${p.callbackWindow}::text,
      p_status_token_hash => ${p.statusTokenHash}::text,
      p_event_actor => ${p.eventActor}::text,
      p_event_actor_user_id => ${p.eventActorUserId}::integer,
      p_event_data => ${JSON.stringify(p.eventData)}::jsonb,
      p_slot_starts => ${arrayLiteral(p.slotStarts.map(timestamp))}::timestamptz[],
      p_slot_keys => ${arrayLiteral(p.slotKeys)}::text[],
      p_slot_texts => ${arrayLiteral(p.slotTexts)}::text[],
      p_calls_per_slot => ${p.callsPerSlot}::integer,
      p_rollup_slot => ${JSON.stringify(p.rollupIfSlot)}::jsonb,
      p_rollup_overflow => ${JSON.stringify(p.rollupIfOverflow)}::jsonb,
      p_outbox_recipient => ${p.outboxRecipient}::text,
      p_outbox_body => ${p.outboxBody}::text,
      p_outbox_overflow_body => ${p.outboxOverflowBody}::text,
      p_audit => ${p.audit === null ? null : JSON.stringify(p.audit)}::jsonb
    )`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error("intake_contact returned no row");
  if (row.outcome === "stale_unit") return { outcome: "stale_unit" };
  return { outcome: "created", slotIndex: row.slot_index === null ? null : Number(row.slot_index) };
}

/**
 * A PostgreSQL array literal of text elements: both drivers (pg and PGlite) take it as a plain string
 * parameter, where JavaScript arrays are serialised differently by each.
 */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
