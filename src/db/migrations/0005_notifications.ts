import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Notifications (issue 3, "Notifications" and "Deadline sweep").
//
// `outbox_messages` is a transactional outbox: a message to a resident is inserted in the same transaction
// as the contact change that causes it, so it exists exactly when the change is committed (and the 201 is
// sent). A dispatcher claims due rows with `for update skip locked`, pushes `next_attempt_at` forward by
// a lease before sending, and marks them sent afterwards: a process killed between claim and send leaves a
// pending row that becomes due again when the lease runs out (at-least-once). The recipient (phone number
// or e-mail address) is personal data and is stored only encrypted (AES-256-GCM) with a data key kept in
// `settings` (generated here, per database), so it never shows in a query result, an export or a log.
//
// `staff_alerts` are notices to a unit's managers from the deadline sweep (a contact at risk of missing its
// same-day promise, or one that missed it), each suggesting the region's backup team. One per contact and
// kind, so the sweep can run every minute without piling up duplicates.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table outbox_messages (
      id bigserial primary key,
      region_code text not null references regions (code),
      contact_id uuid,
      kind text not null check (kind in ('receipt', 'callback_moved', 'outcome', 'not_reached')),
      channel text not null check (channel in ('sms', 'email', 'log')),
      recipient_encrypted text,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts smallint not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz not null,
      last_error text,
      created_at timestamptz not null,
      sent_at timestamptz,
      -- The adapter's id for the sent message (46elks id, SMTP message id), for support questions.
      provider_ref text
    );
    create index outbox_messages_due_idx on outbox_messages (next_attempt_at) where status = 'pending';
    create index outbox_messages_contact_idx on outbox_messages (contact_id);
    create index outbox_messages_region_status_idx on outbox_messages (region_code, status, created_at);

    create table staff_alerts (
      id bigserial primary key,
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      contact_id uuid not null,
      kind text not null check (kind in ('at_risk', 'missed')),
      message text not null,
      deadline timestamptz,
      suggested_unit_id integer references units (id),
      created_at timestamptz not null,
      acknowledged_at timestamptz,
      acknowledged_by integer references users (id),
      unique (contact_id, kind)
    );
    create index staff_alerts_unit_idx on staff_alerts (unit_id, created_at);
    create index staff_alerts_region_idx on staff_alerts (region_code, created_at);

    insert into settings (key, value)
      values ('notifications.recipient_key',
              to_jsonb(replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', '')))
      on conflict (key) do nothing;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    "drop table staff_alerts; drop table outbox_messages; delete from settings where key = 'notifications.recipient_key';",
  );
}
