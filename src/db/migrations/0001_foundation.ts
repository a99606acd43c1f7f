import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Foundation: regions, providers, units, accounts, sessions, audit log, settings.
// Every table that grows with activity carries region_code so that a distributed PostgreSQL (Citus) can
// shard on it; reference tables (regions) stay small.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table regions (
      code text primary key check (code ~ '^[0-9]{2}$'),
      name text not null check (length(name) > 0),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table providers (
      id serial primary key,
      region_code text not null references regions (code),
      name text not null,
      org_nr text not null,
      unique (region_code, org_nr)
    );

    create table units (
      id serial primary key,
      region_code text not null references regions (code),
      hsa_id text not null unique,
      name text not null,
      type text not null check (type in ('halsocentral', 'sjukstuga', 'filial', 'backup')),
      ownership text not null check (ownership in ('regional', 'private')),
      provider_id integer not null references providers (id),
      kommun_code text not null check (kommun_code ~ '^[0-9]{4}$'),
      lat double precision not null,
      lon double precision not null,
      phone_hours jsonb not null,
      opening_hours jsonb not null,
      closed_dates jsonb not null default '[]',
      open_dates jsonb not null default '[]',
      callback_slot_minutes integer not null check (callback_slot_minutes between 1 and 240),
      callback_calls_per_slot integer not null check (callback_calls_per_slot between 0 and 1000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index units_region_idx on units (region_code);

    create table users (
      id serial primary key,
      username text not null unique check (username ~ '^[a-z0-9._-]{2,64}$'),
      display_name text not null,
      password_hash text not null,
      role text not null check (role in ('staff', 'unit_manager', 'region_admin', 'committee', 'auditor', 'system_admin')),
      region_code text references regions (code),
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      check ((role = 'system_admin') = (region_code is null))
    );

    create table user_units (
      user_id integer not null references users (id) on delete cascade,
      unit_id integer not null references units (id) on delete cascade,
      primary key (user_id, unit_id)
    );

    create table sessions (
      id text primary key,
      user_id integer not null references users (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      ip text,
      user_agent text
    );
    create index sessions_user_idx on sessions (user_id);

    create table login_failures (
      id bigserial primary key,
      username text not null,
      ip text,
      at timestamptz not null default now()
    );
    create index login_failures_username_at_idx on login_failures (username, at);
    create index login_failures_ip_at_idx on login_failures (ip, at);

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      region_code text,
      actor_user_id integer,
      actor_username text not null,
      actor_role text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      purpose text not null,
      details jsonb not null default '{}',
      prev_hash text not null,
      hash text not null unique
    );
    create index audit_log_region_at_idx on audit_log (region_code, at);
    create index audit_log_entity_idx on audit_log (entity_type, entity_id);

    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    drop table settings; drop table audit_log; drop table login_failures; drop table sessions;
    drop table user_units; drop table users; drop table units; drop table providers; drop table regions;
  `,
  );
}
