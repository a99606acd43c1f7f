import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// Promises as data (issue 11, DESIGN.md capability 8): each political promise of a region is a record —
// its text and source, the date it runs from, the measure Vårdnav follows it with and its target — so
// its status is computed from the region's own figures rather than judged by hand. The interpellation's
// questions are kept beside them; the quarterly report answers them in order.
//
// `measure` is `{ "kind": …, "componentId": … }` and `target` `{ "comparison": "atLeast" | "atMost",
// "value": "<decimal text>" }`; both are validated by src/modules/committee/committee.schemas.ts on the
// way in, so the table stores them as jsonb and never as loose columns that could disagree.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `
    create table committee_promises (
      id serial primary key,
      region_code text not null references regions (code),
      key text not null,
      position integer not null default 0,
      text text not null,
      source text not null,
      start_date date not null,
      measure jsonb not null,
      target jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (region_code, key)
    );

    create table interpellation_questions (
      id serial primary key,
      region_code text not null references regions (code),
      number integer not null check (number >= 1),
      text text not null,
      source text not null,
      created_at timestamptz not null default now(),
      unique (region_code, number)
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(db, "drop table interpellation_questions; drop table committee_promises;");
}
