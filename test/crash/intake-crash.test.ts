import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededDatabase, type ScratchDatabase } from "../support/pg-server.ts";
import { startVardnavServer } from "../support/server-process.ts";

// Crash test (issue 3): the real server on PostgreSQL is killed with SIGKILL while intakes are in flight,
// right after replies went out. After a restart every contact that got a 201 must exist exactly once and
// its receipt message must still be queued or sent. It always runs against the local PostgreSQL server
// (DATABASE_URL's server when set), in a database of its own, because durability is PostgreSQL's.

const KRAMFORS = "SE2321000000-E0001";
let database: ScratchDatabase;

function intake(base: string, n: number) {
  return fetch(`${base}/api/contacts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      unitHsaId: KRAMFORS,
      identityNumber: "19121212-1212",
      phone: `070-${String(1_000_000 + n).slice(1)}`,
      description: `Krocktest ${n}`,
      newProblem: false,
      preferredWindow: "any",
    }),
  });
}

beforeAll(async () => {
  database = await createSeededDatabase("vardnav_crash");
});

afterAll(async () => {
  await database?.drop();
});

describe("intake survives SIGKILL", () => {
  it("every contact that got a 201 exists exactly once after a restart, with its receipt message", async () => {
    const first = await startVardnavServer(database.url);
    const accepted: string[] = [];
    let failedInFlight = 0;
    let killed = false;
    // Waves of 16 parallel intakes; the kill comes right after the 60th 201, with requests still in flight.
    const fire = async (n: number) => {
      try {
        const response = await intake(first.base, n);
        if (response.status === 201) {
          accepted.push((await response.json()).contactId);
          if (accepted.length >= 60 && !killed) {
            killed = true;
            first.child.kill("SIGKILL");
          }
        } else {
          failedInFlight += 1;
        }
      } catch {
        failedInFlight += 1; // the connection died with the server: no 201, no promise made
      }
    };
    let n = 0;
    while (!killed && n < 2000) {
      await Promise.all(Array.from({ length: 16 }, () => fire(n++)));
    }
    await first.exited;
    expect(killed).toBe(true);
    expect(accepted.length).toBeGreaterThanOrEqual(60);
    expect(failedInFlight + accepted.length).toBe(n);

    const second = await startVardnavServer(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const contacts = await client.query<{ id: string; n: string }>(
        "select id, count(*) as n from contacts where id = any($1::uuid[]) group by id",
        [accepted],
      );
      expect(contacts.rows).toHaveLength(accepted.length);
      expect(contacts.rows.every((r) => Number(r.n) === 1)).toBe(true);
      const index = await client.query<{ n: string }>(
        "select count(*) as n from contact_index where contact_id = any($1::uuid[])",
        [accepted],
      );
      expect(Number(index.rows[0]?.n)).toBe(accepted.length);
      const receipts = await client.query<{ contact_id: string; status: string; held_reason: string | null }>(
        "select contact_id, status, held_reason from outbox_messages where kind = 'receipt' and contact_id = any($1::uuid[])",
        [accepted],
      );
      expect(new Set(receipts.rows.map((r) => r.contact_id)).size).toBe(accepted.length);
      // Queued or sent; every contact here gives one identity number, so once the dispatcher has run,
      // receipts past the day's allowance are kept as held for that reason (issue 12), never dropped.
      for (const receipt of receipts.rows) {
        if (receipt.status === "held") expect(receipt.held_reason).toBe("identity_limit");
        else expect(["pending", "sent"]).toContain(receipt.status);
      }
      // The access-log entry commits with the contact (audit_pending, migration 0034); the restarted
      // server chains what the killed one left pending.
      const audited = await client.query<{ n: string }>(
        `select (select count(distinct entity_id) from audit_log where entity_id = any($1::text[]))
              + (select count(distinct entry->>'entity_id') from audit_pending where entry->>'entity_id' = any($1::text[]))
              as n`,
        [accepted],
      );
      expect(Number(audited.rows[0]?.n)).toBe(accepted.length);
      // The restarted server is healthy and serves the database it did not see being written.
      expect((await fetch(`${second.base}/api/health`)).status).toBe(200);
    } finally {
      await client.end();
      second.child.kill("SIGTERM");
      await second.exited;
    }
  }, 180_000);
});
