import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Physician staffing (DESIGN.md capability 5, FORMATS.md "Physician staffing"): the current row per unit,
// month, profession and form of employment, and every row a re-import or a manager's form replaced or
// removed, so a month's figures can be traced back. FTE are numeric(8,2) (the file allows two decimals),
// agency costs whole öre. region_code leads every key (Citus distribution column).
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table staffing (
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      profession text not null check (profession in ('specialist_allmanmedicin', 'st_allmanmedicin',
        'annan_lakare', 'sjukskoterska', 'distriktsskoterska', 'annan')),
      employment text not null check (employment in ('employed', 'agency')),
      fte numeric(8, 2) not null check (fte >= 0),
      agency_cost_ore bigint check (agency_cost_ore >= 0),
      source text not null check (source in ('import', 'form')),
      updated_at timestamptz not null default now(),
      updated_by text not null,
      primary key (region_code, unit_id, month, profession, employment)
    );
    create index staffing_region_month_idx on staffing (region_code, month);

    create table staffing_history (
      id bigserial primary key,
      region_code text not null references regions (code),
      unit_id integer not null references units (id),
      month text not null,
      profession text not null,
      employment text not null,
      fte numeric(8, 2) not null,
      agency_cost_ore bigint,
      source text not null,
      recorded_at timestamptz not null,
      recorded_by text not null,
      replaced_at timestamptz not null,
      replaced_by text not null,
      -- 'replaced' by a new value, 'removed' by a manager's form that no longer lists the row
      change text not null check (change in ('replaced', 'removed'))
    );
    create index staffing_history_unit_month_idx on staffing_history (region_code, unit_id, month);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(db, "drop table staffing_history; drop table staffing;");
}
