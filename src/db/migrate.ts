import type { Kysely } from "kysely";
import { type MigrationResultSet, Migrator } from "kysely/migration";
import { AppError } from "../errors.ts";
import { migrations } from "./migrations/index.ts";

/** Applies every pending migration. Runs at start and from `vardnav db migrate`. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
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
