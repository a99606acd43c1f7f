import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Listing changes (FORMATS.md "Listing", "vardnav-listing-changes-v1"): residents who moved their listing
// during a month, per (from unit, to unit). An empty side is kept as null: a null from_unit_id is a new
// listing (moved into the region, newborn, first listing), a null to_unit_id a listing that ended. The
// key treats null as its own value (coalesce to 0, never a unit id), so a re-import of the same
// (month, from, to) replaces its count instead of adding a row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table listing_changes (
      region_code text not null references regions (code),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      from_unit_id integer references units (id),
      to_unit_id integer references units (id),
      count integer not null check (count >= 0),
      updated_at timestamptz not null default now(),
      check (from_unit_id is not null or to_unit_id is not null),
      check (from_unit_id is null or to_unit_id is null or from_unit_id <> to_unit_id)
    );

    create unique index listing_changes_key
      on listing_changes (region_code, month, coalesce(from_unit_id, 0), coalesce(to_unit_id, 0));
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(db, "drop table if exists listing_changes;");
}
