import { type Kysely, sql } from "kysely";
import { type MigrationResultSet, Migrator } from "kysely/migration";
import { AppError } from "../errors.ts";
import { migrations } from "./migrations/index.ts";

/**
 * Whether every migration this code knows is recorded as applied. Every command opens the database and
 * migrates first; Kysely's migrator spends several catalogue queries and a lock on finding nothing to do
 * (about 0.7 s on the embedded database, per command), this one query answers the common case.
 */
async function everyMigrationApplied(db: Kysely<unknown>): Promise<boolean> {
  let applied: Set<string>;
  try {
    const rows = await sql<{ name: string }>`select name from vardnav_migration`.execute(db);
    applied = new Set(rows.rows.map((row) => row.name));
  } catch {
    // No migration table yet (a new database): the migrator creates it.
    return false;
  }
  // A migration the database has and this code does not (older code on a newer database) is the
  // migrator's to refuse.
  const known = Object.keys(migrations);
  return applied.size === known.length && known.every((name) => applied.has(name));
}

/** Applies every pending migration. Runs at start and from `vardnav db migrate`. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  if (await everyMigrationApplied(db)) return [];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "vardnav_migration",
    migrationLockTableName: "vardnav_migration_lock",
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new AppError(
      "internal",
      `Database migration ${failed?.migrationName ?? ""} failed: ${(result.error as Error).message ?? String(result.error)}`,
    );
  }
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
