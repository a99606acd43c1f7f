import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.ts";
import { kyselyForPostgres } from "./connect.ts";

// A statement marked `/* prepared:NAME */` (src/db/prepared.ts) is prepared once per connection on
// PostgreSQL (issue 13: the intake's one statement is not parsed and planned on every call); on PGlite
// the mark is only a comment.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("statements marked prepared", () => {
  it("prepares a marked statement once under its name on PostgreSQL, and leaves others unprepared", async () => {
    // One connection, so the session asked is the one that ran the statements.
    const db = t.url ? kyselyForPostgres(t.url, 1) : t.db;
    try {
      for (const n of [1, 2, 3]) {
        const marked = await sql<{ n: number }>`/* prepared:probe_statement */
          select ${n}::int as n`.execute(db);
        expect(marked.rows).toEqual([{ n }]);
      }
      await sql`select 1 as unmarked`.execute(db);
      if (t.kind === "postgres") {
        const prepared = await sql<{ name: string; statement: string }>`
          select name, statement from pg_prepared_statements order by name`.execute(db);
        expect(prepared.rows.map((r) => r.name)).toEqual(["probe_statement"]);
        expect(prepared.rows[0]?.statement).toContain("select $1::int as n");
      }
    } finally {
      if (t.url) await db.destroy();
    }
  });
});
