import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Tasks moved from slutenvården (DESIGN.md capability 7, FORMATS.md "Task transfers from slutenvården").
// The register is append-only: every change (an import of the same id, an edit in the form) is a new row
// of transfer_versions, and the latest version of an id is the transfer as it stands; the history is the
// rows themselves, with who, when and which fields changed. Amounts are whole öre as bigint (the file's
// kronor have at most two decimals, so this is exact). Reported volumes are one row per transfer, unit and
// month; reporting the same month again replaces the row. Both tables lead with region_code (Citus).
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table transfer_versions (
      id serial primary key,
      region_code text not null references regions (code),
      transfer_id text not null,
      version integer not null check (version >= 1),
      title text not null,
      from_clinic text not null,
      decision_ref text,
      decided_on date,
      status text not null check (status in ('proposed', 'decided', 'in_effect', 'ended')),
      from_month text not null check (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      to_month text check (to_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      expected_annual_volume integer not null check (expected_annual_volume >= 0),
      volume_unit text not null,
      estimated_annual_cost_ore bigint not null check (estimated_annual_cost_ore >= 0),
      annual_compensation_ore bigint not null check (annual_compensation_ore >= 0),
      component text,
      -- HSA-ids of the units that take the task; null = every listing unit of the region.
      units jsonb,
      -- The fields that differ from the previous version (empty for version 1 and for an unchanged re-import).
      changed_fields jsonb not null default '[]',
      source text not null check (source in ('import', 'form')),
      created_at timestamptz not null default now(),
      created_by text not null,
      unique (region_code, transfer_id, version),
      check (to_month is null or to_month >= from_month)
    );

    create table transfer_volumes (
      region_code text not null references regions (code),
      transfer_id text not null,
      unit_id integer not null references units (id),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      volume integer not null check (volume >= 0),
      updated_at timestamptz not null default now(),
      updated_by text not null,
      primary key (region_code, transfer_id, unit_id, month)
    );
    create index transfer_volumes_unit_idx on transfer_volumes (region_code, unit_id, month);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(db, "drop table transfer_volumes; drop table transfer_versions;");
}
