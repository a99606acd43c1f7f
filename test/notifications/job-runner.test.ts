import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJobs } from "../../src/jobs/runner.ts";
import type { Logger } from "../../src/lib/context.ts";
import { systemClock } from "../../src/lib/context.ts";
import { createLogAdapter } from "../../src/modules/notifications/adapters/log.ts";
import { enqueueResidentNotification } from "../../src/modules/notifications/outbox.ts";
import { createTestContext, seedExampleRegion } from "../support/app.ts";
import type { TestDatabase } from "../support/database.ts";
import { insertOpenContact } from "../support/notification-fixtures.ts";

let ctx: Awaited<ReturnType<typeof createTestContext>>["ctx"];
let database: TestDatabase;

beforeAll(async () => {
  // Real time: pg-boss schedules and polls on the wall clock.
  ({ ctx, database } = await createTestContext(systemClock));
  await seedExampleRegion(ctx);
});
afterAll(() => database.close());

/** Polls until the condition holds; the bound only stops a broken run from hanging. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe("job runner (pg-boss)", () => {
  it("dispatches queued messages and runs the deadline sweep, then stops cleanly", async () => {
    const sent: string[] = [];
    const logger: Logger = {
      info(obj) {
        const o = obj as { outboxId?: string };
        if (o.outboxId) sent.push(o.outboxId);
      },
      warn() {},
      error() {},
      debug() {},
    };
    const jobs = await startJobs({
      ctx,
      databaseUrl: database.url ?? undefined,
      adapter: createLogAdapter(logger),
      atRiskMinutes: 60,
      nudgeIntervalMs: 200,
    });
    try {
      for (let i = 0; i < 3; i++) {
        await ctx.db.transaction().execute((trx) =>
          enqueueResidentNotification(
            trx,
            { clock: systemClock, keyring: ctx.keyring },
            {
              regionCode: "22",
              contactId: randomUUID(),
              kind: "receipt",
              to: { phone: "0701740001" },
              text: `meddelande ${i}`,
            },
          ),
        );
      }
      const rows = await eventually(
        () => ctx.db.selectFrom("outbox_messages").select(["status"]).execute(),
        (r) => r.length === 3 && r.every((m) => m.status === "sent"),
        "all three messages sent",
      );
      expect(rows).toHaveLength(3);
      expect(new Set(sent).size).toBe(3);

      // A contact whose deadline is 10 minutes away: the sweep marks it when pg-boss runs the job. The cron
      // schedule fires at the next minute; asking for a run directly keeps the test short.
      const now = Date.now();
      const id = await insertOpenContact(ctx.db, {
        unitHsaId: "SE2321000000-E0001",
        receivedAt: new Date(now - 3_600_000).toISOString(),
        serviceDay: new Date(now).toISOString().slice(0, 10),
        deadline: new Date(now + 600_000).toISOString(),
      });
      await jobs.boss.send("vardnav-deadline-sweep", null);
      const marked = await eventually(
        () =>
          ctx.db.selectFrom("contacts").select("at_risk_at").where("id", "=", id).executeTakeFirstOrThrow(),
        (row) => row.at_risk_at !== null,
        "the contact marked at risk",
      );
      expect(marked.at_risk_at).toBeInstanceOf(Date);
      const schedules = (await jobs.boss.getSchedules()).map((s) => s.name).sort();
      expect(schedules).toEqual(["vardnav-deadline-sweep", "vardnav-outbox-dispatch"]);
    } finally {
      await jobs.stop();
    }
    // Stopped: a new message stays pending.
    await ctx.db.transaction().execute((trx) =>
      enqueueResidentNotification(
        trx,
        { clock: systemClock, keyring: ctx.keyring },
        {
          regionCode: "22",
          contactId: randomUUID(),
          kind: "receipt",
          to: { phone: "0701740002" },
          text: "efter stopp",
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const pending = await ctx.db
      .selectFrom("outbox_messages")
      .select("id")
      .where("status", "=", "pending")
      .execute();
    expect(pending).toHaveLength(1);
  });
});
