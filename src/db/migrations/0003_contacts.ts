import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Contacts (DESIGN.md capabilities 2 and 3): one row per contact, whether it came in live (web form, phone
// webhook, staff) or from an imported telephony log. The statistics read the same columns for both, so a
// contact is counted the same way whatever its source.
//
// `contacts` grows with activity (25 million rows a year nationally), so it is partitioned by month of
// receipt and carries region_code. A primary key on a partitioned table must include the partition key,
// so the id alone is made unique through `contact_index`, a small unpartitioned table that also holds the
// source system's id (unique per unit: importing the same contact_id again updates, never duplicates) and
// the hash of the resident's status-link token.
const FIRST_PARTITION_YEAR = 2024;
const LAST_PARTITION_YEAR = 2030;

function monthlyPartitions(): string {
  const statements: string[] = [];
  for (let year = FIRST_PARTITION_YEAR; year <= LAST_PARTITION_YEAR; year++) {
    for (let month = 1; month <= 12; month++) {
      const from = `${year}-${String(month).padStart(2, "0")}-01`;
      const nextYear = month === 12 ? year + 1 : year;
      const nextMonth = month === 12 ? 1 : month + 1;
      const to = `${nextYear}-${String(nextMonth).padStart(2, "0")}-01`;
      const name = `contacts_${year}_${String(month).padStart(2, "0")}`;
      // Bounds are UTC instants; a contact at 00:30 Stockholm on the 1st lands in the previous month's
      // partition. Partitions are a storage device, never a statistics period, so that is harmless.
      statements.push(
        `create table ${name} partition of contacts for values from ('${from}T00:00:00Z') to ('${to}T00:00:00Z');`,
      );
    }
  }
  return statements.join("\n");
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table contacts (
      id uuid not null,
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      received_at timestamptz not null,
      -- Where the contact came from: the resident form, the phone system's webhook, staff, or a file import.
      source text not null check (source in ('web', 'telephony', 'staff', 'import')),
      -- The source system's id (import: contact_id; telephony: the call id); null for web and staff.
      external_id text,
      channel text not null check (channel in ('phone', 'digital', 'visit', 'letter')),
      result text not null check (result in ('answered', 'callback', 'abandoned', 'refused', 'registered')),
      -- Stockholm-calendar facts computed from the unit's hours at intake (DESIGN.md "Definitions").
      receipt_date date not null,
      service_day date not null,
      in_phone_hours boolean not null,
      -- Operational promise: the unit's closing time on the service day, and the callback slot if one was free.
      deadline timestamptz,
      slot_start timestamptz,
      overflowed boolean not null default false,
      responded_at timestamptz,
      feedback_at timestamptz,
      new_problem boolean not null default false,
      assessed_at timestamptz,
      assessed_by text check (assessed_by in ('lakare', 'sjukskoterska', 'distriktsskoterska', 'barnmorska',
        'fysioterapeut', 'arbetsterapeut', 'psykolog', 'psykoterapeut', 'dietist', 'logoped', 'kurator',
        'underskoterska', 'medicinsk_sekreterare', 'annan')),
      patient_chosen_wait boolean not null default false,
      -- Worklist state. Imported contacts arrive closed.
      status text not null default 'open' check (status in ('open', 'closed')),
      closed_reason text check (closed_reason in ('feedback', 'not_reached', 'transferred_out', 'withdrawn', 'imported')),
      attempts smallint not null default 0 check (attempts >= 0),
      claimed_by integer references users (id),
      claimed_at timestamptz,
      outcome text check (outcome in ('advice', 'booked_visit', 'digital_visit', 'referred_unit', 'referred_1177',
        'referred_emergency', 'not_reached')),
      outcome_details jsonb,
      at_risk_at timestamptz,
      missed_at timestamptz,
      transferred_from_unit_id integer references units (id),
      -- Personal data: identity number and phone encrypted (AES-256-GCM, key from VARDNAV_SECRET), the
      -- identity number also as a keyed hash so a resident's contacts can be found without decrypting.
      identity_encrypted text,
      identity_hash text,
      phone_encrypted text,
      description text,
      callback_window text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (id, received_at),
      check (source <> 'import' or external_id is not null),
      check (responded_at is null or responded_at >= received_at),
      check (feedback_at is null or feedback_at >= received_at),
      check (assessed_at is null or assessed_at >= received_at),
      check ((assessed_at is null) = (assessed_by is null))
    ) partition by range (received_at);

    ${monthlyPartitions()}
    create table contacts_default partition of contacts default;

    create index contacts_unit_service_day_idx on contacts (unit_id, service_day);
    create index contacts_region_service_day_idx on contacts (region_code, service_day);
    create index contacts_open_deadline_idx on contacts (deadline) where status = 'open';
    create index contacts_identity_hash_idx on contacts (identity_hash) where identity_hash is not null;

    create table contact_index (
      contact_id uuid primary key,
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      received_at timestamptz not null,
      external_id text,
      status_token_hash text unique
    );
    create unique index contact_index_unit_external_idx on contact_index (unit_id, external_id)
      where external_id is not null;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(db, "drop table contact_index; drop table contacts;");
}
