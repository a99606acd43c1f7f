import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// The same-day contact workflow (issue 3): the history of every contact, the phone systems allowed to post
// to the webhook, and the idempotency keys that make the webhook's retries safe.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    -- One row per thing that happened to a contact (created, claimed, attempt, feedback, transfer, …).
    -- Append-only; the contact row holds the current state, this table the history the worklist and the
    -- resident's status page show. Grows with activity, so it carries region_code.
    create table contact_events (
      id bigserial primary key,
      region_code text not null references regions (code),
      contact_id uuid not null,
      at timestamptz not null,
      -- ContactEventKind in schema.ts; no check constraint so jobs (deadline sweep) can add kinds.
      kind text not null,
      -- Username of the staff member, or 'resident' / 'telephony:<system>' / 'system:<job>'.
      actor text not null,
      actor_user_id integer references users (id),
      data jsonb not null default '{}'
    );
    create index contact_events_contact_idx on contact_events (contact_id, id);

    -- Phone systems allowed to post events; each signs its requests with its own secret (HMAC-SHA256).
    create table telephony_systems (
      id text primary key,
      region_code text not null references regions (code),
      name text not null,
      secret text not null,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    );

    -- A retried webhook request with the same key and body gets the stored answer; another body is a 409.
    create table idempotency_keys (
      system_id text not null references telephony_systems (id),
      key text not null,
      region_code text not null references regions (code),
      body_sha256 text not null,
      status_code integer not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (system_id, key)
    );

    -- Slot occupancy is counted from contacts of the unit and service day; this index makes that cheap.
    create index contacts_unit_slot_idx on contacts (unit_id, service_day, slot_start) where slot_start is not null;
    create index contacts_open_unit_idx on contacts (unit_id, status, new_problem);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `drop index contacts_open_unit_idx; drop index contacts_unit_slot_idx;
     drop table idempotency_keys; drop table telephony_systems; drop table contact_events;`,
  );
}
