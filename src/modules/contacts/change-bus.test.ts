import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import type { ServiceContext } from "../../lib/context.ts";
import {
  CONTACT_CHANNEL,
  type ContactChange,
  notificationPayloads,
  publishContactChanges,
  settleContactNotifications,
} from "./change-bus.ts";

// Worklist changes reach other server processes by pg_notify after commit, coalesced. A shutdown waits
// for the last of them (settleContactNotifications) before it closes the database: a notify drained
// after the close failed, and on the embedded database surfaced as an unhandled rejection in CI.

const change = (n: number): ContactChange => ({
  regionCode: "22",
  unitId: 1,
  contactId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
});

describe("notification payloads", () => {
  it("fit every change into payloads under the limit, in order, none lost", () => {
    const changes = Array.from({ length: 500 }, (_, n) => change(n));
    const payloads = notificationPayloads(changes, 2000);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(payload.length).toBeLessThanOrEqual(2000);
    const carried = payloads.flatMap((payload) => (JSON.parse(payload) as { c: ContactChange[] }).c);
    expect(carried).toEqual(changes);
  });
});

describe("settling notifications before shutdown", () => {
  let t: TestDatabase;
  let ctx: ServiceContext;
  beforeAll(async () => {
    ({ ctx, database: t } = await createTestContext());
  });
  afterAll(() => t.close());

  it("resolves only once everything published before it has been sent", async () => {
    const listener = t.url ? new pg.Client({ connectionString: t.url }) : null;
    const received: string[] = [];
    if (listener) {
      await listener.connect();
      listener.on("notification", (message) => received.push(message.payload ?? ""));
      await listener.query(`listen ${CONTACT_CHANNEL}`);
    }
    try {
      let sent = false;
      void publishContactChanges(ctx, [change(1), change(2)]).then(() => {
        sent = true;
      });
      expect(sent).toBe(false);
      await settleContactNotifications(ctx);
      // One turn for the publisher's own continuation; far shorter than the 20 ms coalescing window a
      // settle that did not wait would leave still running.
      await new Promise((resolve) => setImmediate(resolve));
      expect(sent).toBe(true);
      if (listener) {
        // Delivered to another connection: the notify committed before the settle resolved.
        for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
        const carried = received.flatMap((payload) => (JSON.parse(payload) as { c: ContactChange[] }).c);
        expect(carried).toEqual([change(1), change(2)]);
      }
      // Nothing pending: resolves at once.
      await settleContactNotifications(ctx);
    } finally {
      await listener?.end();
    }
  });
});
