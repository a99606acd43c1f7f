import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Abuse of the public intake and password changes (issue 12, items 7 and 8).
//
// - An outbox message can be `held`: not sent, not deleted, with the reason (`held_reason`). The dispatcher
//   holds a public-intake receipt once its recipient's phone number or identity number has had the day's
//   allowance. `limit_counted` records that a message was counted against the allowance, so a retried send
//   is not counted twice.
// - `intake_message_counts`: messages counted per Stockholm day and keyed hash of the phone number or the
//   identity number (never the clear value). Rows of past days are pruned by the dispatcher.
// - `intake_abuse_daily`: what the public intake held back, per region, day and reason (honeypot hits,
//   receipts held for the phone or the identity limit). Counts only: no personal data, no audit rows.
// - `users.must_change_password`: an account created by an administrator must choose its own password at
//   its first sign-in.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    alter table outbox_messages drop constraint outbox_messages_status_check;
    alter table outbox_messages add constraint outbox_messages_status_check
      check (status in ('pending', 'sent', 'failed', 'held'));
    alter table outbox_messages add column held_reason text
      check (held_reason in ('phone_limit', 'identity_limit'));
    alter table outbox_messages add column limit_counted boolean not null default false;

    create table intake_message_counts (
      day date not null,
      kind text not null check (kind in ('phone', 'identity')),
      key_hash text not null,
      sent integer not null default 0 check (sent >= 0),
      primary key (day, kind, key_hash)
    );

    create table intake_abuse_daily (
      region_code text not null references regions (code),
      day date not null,
      reason text not null check (reason in ('honeypot', 'phone_limit', 'identity_limit')),
      count integer not null default 0 check (count >= 0),
      primary key (region_code, day, reason)
    );

    alter table users add column must_change_password boolean not null default false;
    alter table users add column password_changed_at timestamptz;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    alter table users drop column password_changed_at;
    alter table users drop column must_change_password;
    drop table intake_abuse_daily;
    drop table intake_message_counts;
    alter table outbox_messages drop column limit_counted;
    alter table outbox_messages drop column held_reason;
    update outbox_messages set status = 'failed' where status = 'held';
    alter table outbox_messages drop constraint outbox_messages_status_check;
    alter table outbox_messages add constraint outbox_messages_status_check
      check (status in ('pending', 'sent', 'failed'));
    `,
  );
}
