import type { Kysely } from "kysely";
import { executeSqlScript } from "../sql-script.ts";

// `vardnav import contacts --rebuild-indexes` drops the secondary indexes of `contacts` for a very large
// first load and builds them again at the end. Their definitions are written here (committed) before
// they are dropped and removed once rebuilt, so an import killed in between leaves a record that the
// next import (or `vardnav import contacts --rebuild-indexes` on any file) uses to restore them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(
    db,
    `create table import_dropped_indexes (
       name text primary key,
       definition text not null,
       dropped_at timestamptz not null default now()
     );`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeSqlScript(db, "drop table import_dropped_indexes;");
}
