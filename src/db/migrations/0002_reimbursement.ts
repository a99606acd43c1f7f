import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Vårdval reimbursement (DESIGN.md capability 6, FORMATS.md "Reimbursement"): versioned models, the monthly
// inputs per unit, and the stored runs. Every table carries region_code and has it first in its key, so a
// distributed PostgreSQL (Citus) can shard on it. Months are "YYYY-MM" text, the form models and snapshots
// use; decimal inputs (indices, rates, rural points) are kept as the exact text that was imported, because
// the engine parses them exactly and the snapshot must carry them unchanged.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table reimbursement_models (
      id serial primary key,
      region_code text not null references regions (code),
      model_id text not null,
      version integer not null check (version >= 1),
      purpose text not null default 'payment' check (purpose in ('payment', 'scenario')),
      -- The model exactly in the FORMATS.md shape (what the engine reads and hashes).
      model jsonb not null,
      -- Which same-day rate the snapshot carries as sameDayRate (a model setting outside the engine's shape).
      same_day_rate_kind text not null default 'resident' check (same_day_rate_kind in ('phone', 'resident', 'feedback')),
      valid_from text not null check (valid_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      valid_to text check (valid_to ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      created_at timestamptz not null default now(),
      created_by text not null,
      updated_at timestamptz not null default now(),
      -- Set when a run first uses this version; from then on the version never changes.
      locked_at timestamptz,
      unique (region_code, model_id, version)
    );

    create table reimbursement_listing (
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      age smallint not null check (age between 0 and 150),
      sex text not null check (sex in ('female', 'male', 'unknown')),
      count integer not null check (count >= 0),
      primary key (region_code, month, unit_id, age, sex)
    );

    create table reimbursement_indices (
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      name text not null,
      value text not null,
      primary key (region_code, unit_id, name, month)
    );

    create table reimbursement_rural_points (
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      valid_from text not null check (valid_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      valid_to text check (valid_to ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      points text not null,
      primary key (region_code, unit_id, valid_from)
    );

    create table reimbursement_unit_reports (
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      multimorbid_identified integer check (multimorbid_identified >= 0),
      home_visits integer check (home_visits >= 0),
      updated_at timestamptz not null default now(),
      updated_by text not null,
      primary key (region_code, unit_id, month)
    );

    create table reimbursement_same_day_rates (
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      kind text not null check (kind in ('phone', 'resident', 'feedback')),
      rate text not null,
      source text not null default 'import' check (source in ('import', 'statistics')),
      primary key (region_code, unit_id, month, kind)
    );

    create table reimbursement_runs (
      id serial primary key,
      region_code text not null references regions (code),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      model_row_id integer not null references reimbursement_models (id),
      model_id text not null,
      model_version integer not null,
      -- Exact JSON text: the snapshot the engine hashed and the result it printed, byte for byte.
      snapshot text not null,
      result text not null,
      inputs_sha256 text not null,
      result_sha256 text not null,
      total_ore bigint not null,
      notes jsonb not null default '[]',
      status text not null default 'draft' check (status in ('draft', 'approved')),
      created_at timestamptz not null default now(),
      created_by text not null,
      approved_at timestamptz,
      approved_by text,
      check ((status = 'approved') = (approved_at is not null))
    );
    create index reimbursement_runs_region_month_idx on reimbursement_runs (region_code, month);
    -- One approved payment per region and month.
    create unique index reimbursement_runs_approved_idx on reimbursement_runs (region_code, month)
      where status = 'approved';
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    drop table reimbursement_runs; drop table reimbursement_same_day_rates; drop table reimbursement_unit_reports;
    drop table reimbursement_rural_points; drop table reimbursement_indices; drop table reimbursement_listing;
    drop table reimbursement_models;
  `,
  );
}
