import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { kyselyForPGlite, pgliteParsers } from "./connect.ts";

// Work that outlives its embedded database (a worklist notification drained after shutdown, a timer
// in a test) must fail like any failed query. Kysely's own PGlite driver instead leaves PGlite's
// rejection unobserved and the transaction waiting forever: an unhandled rejection, and a hung caller.

async function openInMemory() {
  const pglite = await PGlite.create({ parsers: pgliteParsers() });
  return { pglite, db: kyselyForPGlite(pglite) };
}

describe("the embedded database after it is closed", () => {
  it("refuses a transaction that was waiting for the connection when the handle was destroyed", async () => {
    const { db } = await openInMemory();
    let finish!: () => void;
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const running = db.transaction().execute(async () => held);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Queued behind the running transaction, as a notification drained at shutdown is.
    const waiting = db.transaction().execute(async (trx) => sql`select 1`.execute(trx));
    const destroyed = db.destroy();
    finish();
    await running;
    await destroyed;
    await expect(waiting).rejects.toThrow(/closed|destroyed/);
  });

  it("refuses a transaction when PGlite itself was closed under the handle", async () => {
    const { pglite, db } = await openInMemory();
    await sql`select 1`.execute(db);
    await pglite.close();
    await expect(db.transaction().execute(async (trx) => sql`select 1`.execute(trx))).rejects.toThrow(
      "the embedded database is closed",
    );
    // A plain query fails with PGlite's own error, and the handle is not left locked by the refusal.
    await expect(sql`select 1`.execute(db)).rejects.toThrow("PGlite is closed");
  });

  it("lets a transaction already under way finish before it closes", async () => {
    const { db } = await openInMemory();
    let finish!: () => void;
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const running = db.transaction().execute(async (trx) => {
      await held;
      return (await sql<{ n: number }>`select 7 as n`.execute(trx)).rows[0]?.n;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const destroyed = db.destroy();
    finish();
    await expect(running).resolves.toBe(7);
    await destroyed;
  });
});
