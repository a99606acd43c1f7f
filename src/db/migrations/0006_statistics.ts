import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Accessibility statistics (DESIGN.md "Definitions", capability 5): rollups per region, unit and Stockholm
// date that every dashboard question is answered from, maintained by delta as contacts change (see
// src/modules/statistics/rollups.repository.ts), never by nightly full scans.
//
// `stats_unit_day` holds both kinds of counters of src/domain/statistics/counters.ts: the receipt-date
// counters (SKR telephone rate, three-day assessment) are added to the row of the contact's receipt date,
// the service-day counters (resident and feedback rates) to the row of its service day. A period's figures
// are the plain sum of its days' rows. `stats_unit_hour` is the heatmap: contacts and unanswered ones per
// unit, Stockholm receipt date and hour of receipt.
//
// Counters carry no `>= 0` check: an upsert with a negative delta must reach its DO UPDATE branch, and
// PostgreSQL checks constraints on the proposed row before that. The rollup = rebuild property test guards
// the arithmetic instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table stats_unit_day (
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      day date not null,
      offered integer not null default 0,
      answered_same_day integer not null default 0,
      eligible integer not null default 0,
      within0 integer not null default 0,
      within3 integer not null default 0,
      within7 integer not null default 0,
      patient_chosen integer not null default 0,
      contacts integer not null default 0,
      refused integer not null default 0,
      overflowed integer not null default 0,
      responded_same_day integer not null default 0,
      feedback_same_day integer not null default 0,
      primary key (region_code, unit_id, day)
    );
    create index stats_unit_day_region_day_idx on stats_unit_day (region_code, day);

    create table stats_unit_hour (
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      day date not null,
      hour smallint not null check (hour between 0 and 23),
      contacts integer not null default 0,
      unanswered integer not null default 0,
      primary key (region_code, unit_id, day, hour)
    );
    create index stats_unit_hour_region_day_idx on stats_unit_hour (region_code, day);

    -- Reference values beside every rate: the national SKR figure of a year and the goal. A row with
    -- region_code null is the default for every region; a region admin's edit writes the region's own row.
    create table stats_reference_values (
      id serial primary key,
      region_code text references regions (code),
      year integer not null check (year between 2000 and 2100),
      national_phone_rate numeric(5, 4) check (national_phone_rate between 0 and 1),
      goal numeric(5, 4) not null default 1 check (goal between 0 and 1),
      updated_at timestamptz not null default now(),
      updated_by text
    );
    create unique index stats_reference_values_key on stats_reference_values (coalesce(region_code, ''), year);
    insert into stats_reference_values (region_code, year, national_phone_rate, goal, updated_by)
      values (null, 2025, 0.875, 1, 'seed: SKR 2025');

    -- Contact file imports (CLI and HTTP). Rejections are capped at the first 1000; the counts are exact.
    create table import_jobs (
      id uuid primary key,
      region_code text not null references regions (code),
      unit_id integer references units (id),
      format text not null check (format in ('vardnav-contacts-v1', 'asterisk-queue-log')),
      status text not null default 'running' check (status in ('running', 'done', 'failed')),
      read integer not null default 0,
      imported integer not null default 0,
      updated integer not null default 0,
      rejected integer not null default 0,
      rejections jsonb not null default '[]',
      error text,
      created_by text not null,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index import_jobs_region_idx on import_jobs (region_code, created_at);

    -- Forecast: minutes a phone nurse needs per contact, per unit (DESIGN.md capability 5; default 6).
    create table unit_handle_minutes (
      unit_id integer primary key references units (id),
      region_code text not null references regions (code),
      handle_minutes numeric(5, 2) not null default 6 check (handle_minutes > 0 and handle_minutes <= 120),
      updated_at timestamptz not null default now()
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `drop table unit_handle_minutes; drop table import_jobs; drop table stats_reference_values;
     drop table stats_unit_hour; drop table stats_unit_day;`,
  );
}
