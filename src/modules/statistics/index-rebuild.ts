import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

// For very large first loads (`vardnav import contacts --rebuild-indexes`): the secondary indexes of
// `contacts` (not its primary key, which the merge looks rows up by, and not contact_index's unique
// indexes, which keep contact ids unique) are dropped for the load and built once at the end — one sort
// per index instead of millions of index insertions. Their definitions are committed to
// import_dropped_indexes before the drop, so an import killed in between is repaired by the next one.

/** pg_get_indexdef of a partitioned index says `ON ONLY` (parent only); rebuilt, it must reach every partition. */
function rebuildStatement(definition: string): string {
  return definition
    .replace(
      /^CREATE (UNIQUE )?INDEX /i,
      (_m, unique: string | undefined) => `CREATE ${unique ?? ""}INDEX IF NOT EXISTS `,
    )
    .replace(/ ON ONLY /i, " ON ");
}

/** Builds every index recorded as dropped and forgets it; returns their names. */
export async function restoreDroppedIndexes(
  db: Kysely<Database>,
  log: (message: string) => void = () => {},
): Promise<string[]> {
  const dropped = await db
    .selectFrom("import_dropped_indexes")
    .select(["name", "definition"])
    .orderBy("name")
    .execute();
  for (const index of dropped) {
    const started = Date.now();
    await sql.raw(rebuildStatement(index.definition)).execute(db);
    await db.deleteFrom("import_dropped_indexes").where("name", "=", index.name).execute();
    log(`index ${index.name} rebuilt in ${Date.now() - started} ms`);
  }
  return dropped.map((d) => d.name);
}

/** Records and drops the secondary indexes of contacts; returns their names. */
export async function dropContactSecondaryIndexes(db: Kysely<Database>): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const indexes = await sql<{ name: string; definition: string }>`
      select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'contacts'::regclass and not i.indisprimary and not i.indisunique
      order by c.relname`.execute(trx);
    for (const index of indexes.rows) {
      await trx
        .insertInto("import_dropped_indexes")
        .values(index)
        .onConflict((oc) => oc.column("name").doNothing())
        .execute();
      await sql.raw(`drop index if exists "${index.name.replaceAll('"', '""')}"`).execute(trx);
    }
    return indexes.rows.map((r) => r.name);
  });
}

/**
 * Runs `load` with the secondary indexes of contacts dropped, and builds them again afterwards, also when
 * the load fails. Indexes left dropped by an earlier killed run are rebuilt first.
 */
export async function withContactIndexesRebuilt<T>(
  db: Kysely<Database>,
  load: () => Promise<T>,
  log: (message: string) => void = () => {},
): Promise<T> {
  await restoreDroppedIndexes(db, log);
  const names = await dropContactSecondaryIndexes(db);
  log(`dropped ${names.length} secondary indexes of contacts for the load: ${names.join(", ")}`);
  try {
    return await load();
  } finally {
    // Index builds sort; more memory for them than the server's default makes them several times faster.
    await sql`set maintenance_work_mem = '256MB'`.execute(db).catch(() => {});
    await restoreDroppedIndexes(db, log);
  }
}
