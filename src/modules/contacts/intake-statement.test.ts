import type { KyselyPlugin } from "kysely";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, seedExampleRegion, settableClock, type TestApp } from "../../../test/support/app.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  appendPendingAudit,
  pendingAuditEntry,
  recordAuditNow,
  systemActor,
  verifyAuditChain,
} from "../audit/audit.service.ts";
import { recomputeSlotOccupancy } from "./contacts.repository.ts";
import { acceptWebContact } from "./intake.service.ts";

// The one-statement intake (migration 0034): one round trip with warm caches, a unit edited behind the
// cache is noticed, slot occupancy follows every write to contacts, and the public intake's audit entry
// is committed with the contact and chained by the appender.

// Monday 2 March 2026, 08:30 Stockholm. Kramfors: 15-minute slots of 3 calls from 08:00.
const KRAMFORS = "SE2321000000-E0001";
const clock = settableClock("2026-03-02T07:30:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
});
afterAll(() => t.close());

const form = {
  unitHsaId: KRAMFORS,
  identityNumber: "19121212-1212",
  phone: "070-123 45 67",
  description: "Ont i örat",
  newProblem: true,
  preferredWindow: "any",
} as const;

function countingPlugin(counter: { queries: string[] }): KyselyPlugin {
  return {
    transformQuery(args) {
      const node = args.node;
      counter.queries.push(node.kind === "RawNode" ? node.sqlFragments.join("?").trim() : node.kind);
      return node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
}

async function occupancyMismatches(): Promise<unknown[]> {
  const result = await sql<{ unit_id: number; slot_start: Date; taken: number; counted: number }>`
    select coalesce(o.unit_id, c.unit_id) as unit_id, coalesce(o.slot_start, c.slot_start) as slot_start,
           coalesce(o.taken, 0) as taken, coalesce(c.n, 0)::int as counted
      from (select unit_id, slot_start, taken from slot_occupancy where taken <> 0) o
      full join (select unit_id, slot_start, count(*) as n from contacts where slot_start is not null
                 group by unit_id, slot_start) c
        on c.unit_id = o.unit_id and c.slot_start = o.slot_start
     where coalesce(o.taken, 0) <> coalesce(c.n, 0)`.execute(t.ctx.db);
  return result.rows;
}

describe("intake in one statement", () => {
  it("with the unit and keys cached, a web contact is a single round trip to the database", async () => {
    await acceptWebContact(t.ctx, form); // warms the unit, key and calendar caches of t.ctx.db
    const counter = { queries: [] as string[] };
    // withPlugin shares the connection but is another handle: warm its caches once more, then count.
    const counted: ServiceContext = { ...t.ctx, db: t.ctx.db.withPlugin(countingPlugin(counter)) };
    await acceptWebContact(counted, form);
    // The audit appender runs shortly after each intake, on its own: let it finish before counting.
    for (let seen = -1; seen !== counter.queries.length; ) {
      seen = counter.queries.length;
      await new Promise((r) => setTimeout(r, 300));
    }
    counter.queries.length = 0;
    const receipt = await acceptWebContact(counted, form);
    // After the commit, the live-worklist notification (change-bus.ts) goes out in its own coalesced
    // transaction, not awaited by the reply; everything else is the one intake_contact statement.
    const afterCommit = /synchronous_commit|pg_notify/;
    const intake = counter.queries.filter((q) => !afterCommit.test(q));
    expect(intake).toHaveLength(1);
    // Marked to be prepared once per connection on PostgreSQL (src/db/prepared.ts).
    expect(intake[0]).toMatch(
      /^\/\* prepared:intake_contact \*\/\s+select outcome, slot_index from intake_contact\(/,
    );
    const stored = await t.ctx.db
      .selectFrom("outbox_messages")
      .select("body")
      .where("contact_id", "=", receipt.contactId)
      .executeTakeFirstOrThrow();
    expect(stored.body).toContain("Vi ringer dig mellan kl 08:30 och 08:45.");
  });

  it("a unit edited behind the cache is read again before its contact is planned", async () => {
    clock.set("2026-03-02T09:02:00Z"); // 10:02, the 10:00 slot is empty
    const first = await acceptWebContact(t.ctx, form);
    expect(first.slotStart).toBe("2026-03-02T09:00:00.000Z");
    await sql`update units set callback_calls_per_slot = 1 where hsa_id = ${KRAMFORS}`.execute(t.ctx.db);
    const second = await acceptWebContact(t.ctx, form);
    // With the cached row (3 calls per slot) it would share the 10:00 slot.
    expect(second.slotStart).toBe("2026-03-02T09:15:00.000Z");
    await sql`update units set callback_calls_per_slot = 3 where hsa_id = ${KRAMFORS}`.execute(t.ctx.db);
  });

  it("slot occupancy follows inserts, updates and deletes of contacts, and can be recomputed", async () => {
    clock.set("2026-03-02T10:40:00Z");
    const receipts = await Promise.all(Array.from({ length: 8 }, () => acceptWebContact(t.ctx, form)));
    expect(await occupancyMismatches()).toEqual([]);
    const [moved, removed] = receipts;
    if (!moved || !removed) throw new Error("no receipts");
    await sql`update contacts set slot_start = null, overflowed = true where id = ${moved.contactId}`.execute(
      t.ctx.db,
    );
    await sql`delete from contacts where id = ${removed.contactId}`.execute(t.ctx.db);
    expect(await occupancyMismatches()).toEqual([]);
    await sql`update slot_occupancy set taken = taken + 5`.execute(t.ctx.db);
    expect((await occupancyMismatches()).length).toBeGreaterThan(0);
    const unit = await t.ctx.db
      .selectFrom("units")
      .select("id")
      .where("hsa_id", "=", KRAMFORS)
      .executeTakeFirstOrThrow();
    const others = await t.ctx.db.selectFrom("units").select("id").where("id", "<>", unit.id).execute();
    await recomputeSlotOccupancy(t.ctx.db, [unit.id, ...others.map((u) => u.id)], "2026-01-01", "2026-12-31");
    expect(await occupancyMismatches()).toEqual([]);
    await sql`truncate contacts cascade`.execute(t.ctx.db);
    expect(await t.ctx.db.selectFrom("slot_occupancy").selectAll().execute()).toEqual([]);
  });

  it("the audit entry commits with the contact and is chained by the appender, keeping the chain verifiable", async () => {
    clock.set("2026-03-02T12:10:00Z");
    await appendPendingAudit(t.ctx);
    const receipts = await Promise.all(Array.from({ length: 6 }, () => acceptWebContact(t.ctx, form)));
    const ids = receipts.map((r) => r.contactId);
    const pending = await t.ctx.db.selectFrom("audit_pending").select("entry").execute();
    const pendingIds = pending.map((p) => (p.entry as { entity_id: string }).entity_id);
    const logged = await t.ctx.db
      .selectFrom("audit_log")
      .select("entity_id")
      .where("entity_id", "in", ids)
      .execute();
    // Each contact's entry is either still pending or already chained (the appender runs shortly after).
    expect([...pendingIds, ...logged.map((l) => l.entity_id)].sort()).toEqual([...ids].sort());
    const verified = await verifyAuditChain(t.ctx);
    expect(verified.ok).toBe(true);
    expect(await t.ctx.db.selectFrom("audit_pending").select("id").execute()).toEqual([]);
    const chained = await t.ctx.db
      .selectFrom("audit_log")
      .select(["entity_id", "actor_username", "action"])
      .where("entity_id", "in", ids)
      .execute();
    expect(chained).toHaveLength(ids.length);
    expect(chained.every((r) => r.actor_username === "public-intake" && r.action === "contact.create")).toBe(
      true,
    );
  });

  it("a later audited action is chained after a contact's pending entry, never before it", async () => {
    const at = new Date("2026-03-02T12:20:00Z");
    const entry = {
      action: "contact.create",
      entityType: "contact",
      entityId: "order-check",
      purpose: "test",
    };
    // Committed and still pending, as an intake leaves it until the appender runs.
    await t.ctx.db
      .insertInto("audit_pending")
      .values({ entry: JSON.stringify(pendingAuditEntry(systemActor("public-intake"), entry, at)) })
      .execute();
    await recordAuditNow(t.ctx, systemActor("nurse"), { ...entry, action: "contact.response" });
    const order = await t.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", "order-check")
      .orderBy("id")
      .execute();
    expect(order.map((r) => r.action)).toEqual(["contact.create", "contact.response"]);
    expect((await verifyAuditChain(t.ctx)).ok).toBe(true);
  });
});
