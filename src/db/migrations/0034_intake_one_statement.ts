import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Intake in one round trip (docs/ARCHITECTURE.md "Intake in one statement").
//
// 1. `slot_occupancy`: contacts per unit and callback slot, so choosing a slot reads a handful of rows by
//    primary key instead of counting contacts across partitions. It is kept by statement-level triggers on
//    `contacts` (transition tables), so every path that inserts, moves, reschedules or deletes contacts
//    (intake, imports, transfers, demo loader, retention) keeps it right without knowing about it.
//    `recompute_slot_occupancy(unit_ids, from, to)` rebuilds a range from the contacts (repairs, tests).
// 2. `audit_pending`: the access-log entry of a public intake, committed with the contact. The keyed chain
//    needs the previous row's MAC and the key is not in the database, so a background appender in the app
//    chains pending entries into `audit_log` in batches (src/modules/audit/audit-appender.ts).
// 3. `intake_contact(...)`: the whole intake as one function call: unit version check, the unit's slot
//    lock, the slot choice from occupancy, contact + index + history, rollup deltas, outbox receipt and
//    the pending audit entry. Called as a single autocommitted statement: the reply follows its commit.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table slot_occupancy (
      unit_id integer not null,
      slot_start timestamptz not null,
      taken integer not null,
      primary key (unit_id, slot_start)
    );

    insert into slot_occupancy (unit_id, slot_start, taken)
      select unit_id, slot_start, count(*)::int from contacts where slot_start is not null
      group by unit_id, slot_start;

    create function slot_occupancy_after_insert() returns trigger language plpgsql as $$
    begin
      insert into slot_occupancy as o (unit_id, slot_start, taken)
        select unit_id, slot_start, count(*)::int from new_rows where slot_start is not null
        group by unit_id, slot_start order by unit_id, slot_start
      on conflict (unit_id, slot_start) do update set taken = o.taken + excluded.taken;
      return null;
    end;
    $$;

    create function slot_occupancy_after_delete() returns trigger language plpgsql as $$
    begin
      update slot_occupancy o set taken = o.taken - d.n
        from (select unit_id, slot_start, count(*)::int as n from old_rows where slot_start is not null
              group by unit_id, slot_start) d
       where o.unit_id = d.unit_id and o.slot_start = d.slot_start;
      return null;
    end;
    $$;

    create function slot_occupancy_after_update() returns trigger language plpgsql as $$
    begin
      -- Most updates (claims, outcomes, attempts) keep unit and slot: nothing to write then.
      insert into slot_occupancy as o (unit_id, slot_start, taken)
        select unit_id, slot_start, sum(n)::int from (
          select unit_id, slot_start, -1 as n from old_rows where slot_start is not null
          union all
          select unit_id, slot_start, 1 from new_rows where slot_start is not null
        ) d
        group by unit_id, slot_start having sum(n) <> 0 order by unit_id, slot_start
      on conflict (unit_id, slot_start) do update set taken = o.taken + excluded.taken;
      return null;
    end;
    $$;

    create trigger contacts_slot_occupancy_insert after insert on contacts
      referencing new table as new_rows for each statement execute function slot_occupancy_after_insert();
    create trigger contacts_slot_occupancy_delete after delete on contacts
      referencing old table as old_rows for each statement execute function slot_occupancy_after_delete();
    create trigger contacts_slot_occupancy_update after update on contacts
      referencing old table as old_rows new table as new_rows
      for each statement execute function slot_occupancy_after_update();

    create function slot_occupancy_after_truncate() returns trigger language plpgsql as $$
    begin
      delete from slot_occupancy;
      return null;
    end;
    $$;
    create trigger contacts_slot_occupancy_truncate after truncate on contacts
      for each statement execute function slot_occupancy_after_truncate();

    create function recompute_slot_occupancy(p_unit_ids integer[], p_from date, p_to date)
      returns void language plpgsql as $$
    begin
      -- Stockholm days: a slot of day d starts within [d - 2h, d + 24h) in UTC; the margins are generous.
      delete from slot_occupancy
       where unit_id = any(p_unit_ids)
         and slot_start >= p_from::timestamp at time zone 'Europe/Stockholm'
         and slot_start < (p_to + 1)::timestamp at time zone 'Europe/Stockholm';
      insert into slot_occupancy (unit_id, slot_start, taken)
        select unit_id, slot_start, count(*)::int from contacts
         where unit_id = any(p_unit_ids) and slot_start is not null
           and slot_start >= p_from::timestamp at time zone 'Europe/Stockholm'
           and slot_start < (p_to + 1)::timestamp at time zone 'Europe/Stockholm'
         group by unit_id, slot_start;
    end;
    $$;

    create table audit_pending (
      id bigserial primary key,
      entry jsonb not null
    );

    create function intake_contact(
      p_unit_id integer,
      p_unit_version text,
      p_id uuid,
      p_region_code text,
      p_received_at timestamptz,
      p_source text,
      p_channel text,
      p_receipt_date date,
      p_service_day date,
      p_in_phone_hours boolean,
      p_deadline timestamptz,
      p_new_problem boolean,
      p_identity_encrypted text,
      p_identity_hash text,
      p_phone_encrypted text,
      p_description text,
      p_callback_window text,
      p_status_token_hash text,
      p_event_actor text,
      p_event_actor_user_id integer,
      p_event_data jsonb,
      p_slot_starts timestamptz[],
      p_slot_keys text[],
      p_slot_texts text[],
      p_calls_per_slot integer,
      p_rollup_slot jsonb,
      p_rollup_overflow jsonb,
      p_outbox_recipient text,
      p_outbox_body text,
      p_outbox_overflow_body text,
      p_audit jsonb
    ) returns table (outcome text, slot_index integer)
    language plpgsql as $$
    declare
      v_index integer;
      v_slot timestamptz;
      v_rollup jsonb;
      v_body text;
    begin
      -- The caller computed service day, deadline and slots from a cached unit row: it must be current.
      if not exists (select 1 from units u where u.id = p_unit_id and u.xmin::text = p_unit_version) then
        return query select 'stale_unit'::text, null::integer;
        return;
      end if;
      -- The unit's slot lock (namespace of lockUnitSlots in contacts.repository.ts), until commit.
      perform pg_advisory_xact_lock(7316004, p_unit_id);
      select c.i::integer into v_index
        from unnest(p_slot_starts) with ordinality as c(s, i)
        left join slot_occupancy o on o.unit_id = p_unit_id and o.slot_start = c.s
       where coalesce(o.taken, 0) < p_calls_per_slot
       order by c.i
       limit 1;
      v_slot := case when v_index is null then null else p_slot_starts[v_index] end;

      insert into contacts (id, region_code, unit_id, received_at, source, external_id, channel, result,
                            receipt_date, service_day, in_phone_hours, deadline, slot_start, overflowed,
                            new_problem, identity_encrypted, identity_hash, phone_encrypted, description,
                            callback_window)
      values (p_id, p_region_code, p_unit_id, p_received_at, p_source, null, p_channel, 'registered',
              p_receipt_date, p_service_day, p_in_phone_hours, p_deadline, v_slot, v_index is null,
              p_new_problem, p_identity_encrypted, p_identity_hash, p_phone_encrypted, p_description,
              p_callback_window);
      insert into contact_index (contact_id, region_code, unit_id, received_at, external_id, status_token_hash)
      values (p_id, p_region_code, p_unit_id, p_received_at, null, p_status_token_hash);
      insert into contact_events (region_code, contact_id, at, kind, actor, actor_user_id, data)
      values (p_region_code, p_id, p_received_at, 'created', p_event_actor, p_event_actor_user_id,
              case when p_slot_keys is null then p_event_data
                   else p_event_data || jsonb_build_object(
                     'slotStart', case when v_index is null then null else p_slot_keys[v_index] end,
                     'overflowed', v_index is null) end);

      v_rollup := case when v_index is null then p_rollup_overflow else p_rollup_slot end;
      insert into stats_unit_day as s (region_code, unit_id, day, offered, answered_same_day, eligible,
                                       within0, within3, within7, patient_chosen, contacts, refused,
                                       overflowed, responded_same_day, feedback_same_day)
        select region_code, unit_id, day, offered, answered_same_day, eligible, within0, within3, within7,
               patient_chosen, contacts, refused, overflowed, responded_same_day, feedback_same_day
          from jsonb_to_recordset(v_rollup -> 'days') as d(
            region_code text, unit_id integer, day date, offered integer, answered_same_day integer,
            eligible integer, within0 integer, within3 integer, within7 integer, patient_chosen integer,
            contacts integer, refused integer, overflowed integer, responded_same_day integer,
            feedback_same_day integer)
         order by day
      on conflict (region_code, unit_id, day) do update set
        offered = s.offered + excluded.offered,
        answered_same_day = s.answered_same_day + excluded.answered_same_day,
        eligible = s.eligible + excluded.eligible,
        within0 = s.within0 + excluded.within0,
        within3 = s.within3 + excluded.within3,
        within7 = s.within7 + excluded.within7,
        patient_chosen = s.patient_chosen + excluded.patient_chosen,
        contacts = s.contacts + excluded.contacts,
        refused = s.refused + excluded.refused,
        overflowed = s.overflowed + excluded.overflowed,
        responded_same_day = s.responded_same_day + excluded.responded_same_day,
        feedback_same_day = s.feedback_same_day + excluded.feedback_same_day;
      insert into stats_unit_hour as h (region_code, unit_id, day, hour, contacts, unanswered)
        select region_code, unit_id, day, hour, contacts, unanswered
          from jsonb_to_recordset(v_rollup -> 'hours') as x(
            region_code text, unit_id integer, day date, hour smallint, contacts integer, unanswered integer)
      on conflict (region_code, unit_id, day, hour) do update set
        contacts = h.contacts + excluded.contacts,
        unanswered = h.unanswered + excluded.unanswered;

      if p_outbox_body is not null then
        -- Each candidate's promise sentence was written by the app (the wording of its own messages).
        v_body := case when v_index is null then p_outbox_overflow_body
                       else replace(p_outbox_body, '{{promise}}', p_slot_texts[v_index]) end;
        insert into outbox_messages (region_code, contact_id, kind, channel, recipient_encrypted, body,
                                     next_attempt_at, created_at)
        values (p_region_code, p_id, 'receipt', 'sms', p_outbox_recipient, v_body, p_received_at, p_received_at);
      end if;

      if p_audit is not null then
        insert into audit_pending (entry) values (p_audit);
      end if;
      return query select 'created'::text, v_index;
    end;
    $$;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    drop function intake_contact;
    drop table audit_pending;
    drop function recompute_slot_occupancy;
    drop trigger contacts_slot_occupancy_truncate on contacts;
    drop function slot_occupancy_after_truncate;
    drop trigger contacts_slot_occupancy_update on contacts;
    drop trigger contacts_slot_occupancy_delete on contacts;
    drop trigger contacts_slot_occupancy_insert on contacts;
    drop function slot_occupancy_after_update;
    drop function slot_occupancy_after_delete;
    drop function slot_occupancy_after_insert;
    drop table slot_occupancy;
    `,
  );
}
