import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";

// Every command migrates first; on an up-to-date database one query answers (the fast path), and
// anything else still goes to Kysely's migrator with its checks.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("migrateToLatest", () => {
  it("does nothing on a database with every migration applied", async () => {
    const names = await sql<{ name: string }>`select name from vardnav_migration order by name`.execute(t.db);
    expect(names.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    expect(await migrateToLatest(t.db as never)).toEqual([]);
  });

  it("refuses a database that has a migration this code does not know (older code, newer database)", async () => {
    await sql`insert into vardnav_migration (name, timestamp) values ('9999_from_a_newer_version', '2026-12-06T00:00:00Z')`.execute(
      t.db,
    );
    try {
      await expect(migrateToLatest(t.db as never)).rejects.toThrow(/9999_from_a_newer_version/);
    } finally {
      await sql`delete from vardnav_migration where name = '9999_from_a_newer_version'`.execute(t.db);
    }
  });
});
