import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  backoffSeconds,
  DEFAULT_DISPATCH_POLICY,
  dispatchOutboxTick,
} from "../../src/jobs/outbox-dispatch.ts";
import type { Logger } from "../../src/lib/context.ts";
import { createElksSmsAdapter } from "../../src/modules/notifications/adapters/elks-sms.ts";
import { createLogAdapter } from "../../src/modules/notifications/adapters/log.ts";
import { enqueueResidentNotification } from "../../src/modules/notifications/outbox.ts";
import { openRecipient } from "../../src/modules/notifications/recipient-crypto.ts";
import { createTestContext, seedExampleRegion, settableClock } from "../support/app.ts";
import type { TestDatabase } from "../support/database.ts";
import { startScriptedHttpServer } from "../support/notification-fixtures.ts";

const clock = settableClock("2026-03-02T08:00:00Z");
let ctx: Awaited<ReturnType<typeof createTestContext>>["ctx"];
let database: TestDatabase;

beforeAll(async () => {
  ({ ctx, database } = await createTestContext(clock));
  await seedExampleRegion(ctx);
});
afterAll(() => database.close());
beforeEach(async () => {
  clock.set("2026-03-02T08:00:00Z");
  await ctx.db.deleteFrom("outbox_messages").execute();
});

const PHONE = "070-174 00 12";

async function enqueue(
  contactId = randomUUID(),
  text = "Kramfors hälsocentral har tagit emot din kontakt. Följ din kontakt här: /kontakt/status/AbCdEfGhIjKlMnOp",
) {
  await ctx.db.transaction().execute((trx) =>
    enqueueResidentNotification(trx, ctx, {
      regionCode: "22",
      contactId,
      kind: "receipt",
      to: { phone: PHONE },
      text,
    }),
  );
  return contactId;
}

function recordingLogger(): Logger & { lines: { obj: unknown; msg?: string | undefined }[] } {
  const lines: { obj: unknown; msg?: string | undefined }[] = [];
  const push = (obj: unknown, msg?: string) => lines.push({ obj, msg });
  return { lines, info: push, warn: push, error: push, debug: push };
}

async function rows() {
  return ctx.db.selectFrom("outbox_messages").selectAll().orderBy("id").execute();
}

describe("enqueueResidentNotification", () => {
  it("writes the message in the caller's transaction: a rollback leaves no message", async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await enqueueResidentNotification(trx, ctx, {
          regionCode: "22",
          contactId: randomUUID(),
          kind: "receipt",
          to: { phone: PHONE },
          text: "x",
        });
        throw new Error("the contact change failed");
      }),
    ).rejects.toThrow("the contact change failed");
    expect(await rows()).toHaveLength(0);
    const id = await enqueue();
    const [row] = await rows();
    expect(row).toMatchObject({
      contact_id: id,
      kind: "receipt",
      channel: "sms",
      status: "pending",
      attempts: 0,
    });
  });

  it("never stores the phone number in clear", async () => {
    await enqueue();
    const [row] = await rows();
    expect(row?.recipient_encrypted).toMatch(/^v2\./);
    expect(row?.recipient_encrypted).not.toContain("0701740012");
    const everything = JSON.stringify(row, (_key, value) =>
      typeof value === "bigint" ? String(value) : value,
    );
    expect(everything).not.toContain("174 00 12");
    expect(everything).not.toContain("1740012");
  });

  it("binds the sealed recipient to its contact: it opens for that contact only", async () => {
    const id = await enqueue();
    const [row] = await rows();
    const sealed = row?.recipient_encrypted ?? "";
    expect(openRecipient(ctx.keyring, id, sealed)).toEqual({ phone: PHONE, email: null });
    expect(() => openRecipient(ctx.keyring, randomUUID(), sealed)).toThrow(/does not authenticate/);
  });
});

describe("dispatchOutboxTick", () => {
  it("sends a due message once through the adapter and marks it sent; the log adapter masks the number", async () => {
    await enqueue();
    const logger = recordingLogger();
    const adapter = createLogAdapter(logger);
    const first = await dispatchOutboxTick(ctx, adapter);
    expect(first).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, held: 0 });
    const second = await dispatchOutboxTick(ctx, adapter);
    expect(second.claimed).toBe(0);
    expect(logger.lines).toHaveLength(1);
    expect(JSON.stringify(logger.lines[0])).toContain("…12");
    expect(JSON.stringify(logger.lines[0])).not.toContain("174 00");
    // The status link is a credential: the log shows only its first characters.
    expect(JSON.stringify(logger.lines[0])).toContain("/kontakt/status/AbCd…");
    expect(JSON.stringify(logger.lines[0])).not.toContain("AbCdEfGh");
    const [row] = await rows();
    expect(row).toMatchObject({ status: "sent", attempts: 1, channel: "log", last_error: null });
    expect(row?.sent_at?.toISOString()).toBe("2026-03-02T08:00:00.000Z");
  });

  it("retries with exponential backoff while the provider fails, then sends", async () => {
    const server = await startScriptedHttpServer([
      { status: 503, body: "busy" },
      { status: 502, body: "bad gateway" },
      { status: 200, body: JSON.stringify({ id: "s70df59406a1b4643b96f3f91e0bfb7b0", status: "created" }) },
    ]);
    try {
      const adapter = createElksSmsAdapter({
        apiUrl: server.url,
        username: "u",
        password: "p",
        from: "Vardnav",
      });
      await enqueue();
      expect(await dispatchOutboxTick(ctx, adapter)).toMatchObject({ claimed: 1, retried: 1 });
      let [row] = await rows();
      expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "46elks answered 503: busy" });
      expect(row?.next_attempt_at.toISOString()).toBe("2026-03-02T08:00:30.000Z");

      // Not due yet 29 s later; due at 30 s. The second failure backs off 60 s.
      clock.set("2026-03-02T08:00:29Z");
      expect((await dispatchOutboxTick(ctx, adapter)).claimed).toBe(0);
      clock.set("2026-03-02T08:00:30Z");
      expect(await dispatchOutboxTick(ctx, adapter)).toMatchObject({ claimed: 1, retried: 1 });
      [row] = await rows();
      expect(row?.next_attempt_at.toISOString()).toBe("2026-03-02T08:01:30.000Z");

      clock.set("2026-03-02T08:01:30Z");
      expect(await dispatchOutboxTick(ctx, adapter)).toMatchObject({ claimed: 1, sent: 1 });
      [row] = await rows();
      expect(row).toMatchObject({
        status: "sent",
        attempts: 3,
        provider_ref: "s70df59406a1b4643b96f3f91e0bfb7b0",
      });
      expect(server.requests).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it("marks a message failed, visibly, after the last attempt", async () => {
    const server = await startScriptedHttpServer([{ status: 500, body: "down" }]);
    try {
      const adapter = createElksSmsAdapter({
        apiUrl: server.url,
        username: "u",
        password: "p",
        from: "Vardnav",
      });
      await enqueue();
      let at = Date.parse("2026-03-02T08:00:00Z");
      for (let attempt = 1; attempt <= DEFAULT_DISPATCH_POLICY.maxAttempts; attempt++) {
        clock.set(new Date(at).toISOString());
        expect((await dispatchOutboxTick(ctx, adapter)).claimed).toBe(1);
        at += backoffSeconds(DEFAULT_DISPATCH_POLICY, attempt) * 1000;
      }
      const [row] = await rows();
      expect(row).toMatchObject({ status: "failed", attempts: 6, last_error: "46elks answered 500: down" });
      clock.set("2026-03-03T08:00:00Z");
      expect((await dispatchOutboxTick(ctx, adapter)).claimed).toBe(0);
      expect(server.requests).toHaveLength(6);
    } finally {
      await server.close();
    }
  });

  it("does not retry a request the provider rejects as invalid", async () => {
    const server = await startScriptedHttpServer([{ status: 400, body: "Invalid to number" }]);
    try {
      const adapter = createElksSmsAdapter({
        apiUrl: server.url,
        username: "u",
        password: "p",
        from: "Vardnav",
      });
      await enqueue();
      expect(await dispatchOutboxTick(ctx, adapter)).toMatchObject({ claimed: 1, failed: 1 });
      expect((await rows())[0]).toMatchObject({ status: "failed", attempts: 1 });
    } finally {
      await server.close();
    }
  });

  it("does not send to a recipient that does not open: the attempt fails with the reason, the others go out", async () => {
    const tampered = await enqueue();
    await enqueue();
    // Sealed for another contact: it opens for that contact only, so here it does not open at all.
    const other = await ctx.db
      .selectFrom("outbox_messages")
      .select("recipient_encrypted")
      .where("contact_id", "<>", tampered)
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable("outbox_messages")
      .set({ recipient_encrypted: other.recipient_encrypted })
      .where("contact_id", "=", tampered)
      .execute();
    const logger = recordingLogger();
    const result = await dispatchOutboxTick(ctx, createLogAdapter(logger));
    expect(result).toEqual({ claimed: 2, sent: 1, retried: 1, failed: 0, held: 0 });
    expect(logger.lines).toHaveLength(1);
    const [first, second] = await rows();
    expect(first).toMatchObject({ contact_id: tampered, status: "pending", attempts: 1 });
    expect(first?.last_error).toBeTruthy();
    expect(second).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("survives a crash between claim and send: the message is sent after the lease runs out", async () => {
    await enqueue();
    // A dispatcher claims the message and dies before sending: the claim is committed, nothing else happens.
    const claimedBy = await ctx.db
      .updateTable("outbox_messages")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        next_attempt_at: new Date(
          Date.parse("2026-03-02T08:00:00Z") + DEFAULT_DISPATCH_POLICY.leaseSeconds * 1000,
        ),
      }))
      .where("status", "=", "pending")
      .returning("id")
      .execute();
    expect(claimedBy).toHaveLength(1);
    const logger = recordingLogger();
    const adapter = createLogAdapter(logger);
    const leaseEnd = Date.parse("2026-03-02T08:00:00Z") + DEFAULT_DISPATCH_POLICY.leaseSeconds * 1000;
    clock.set(new Date(leaseEnd - 1000).toISOString());
    expect((await dispatchOutboxTick(ctx, adapter)).claimed).toBe(0);
    clock.set(new Date(leaseEnd).toISOString());
    expect(await dispatchOutboxTick(ctx, adapter)).toMatchObject({ claimed: 1, sent: 1 });
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("lets two dispatchers run at once without sending a message twice", async () => {
    for (let i = 0; i < 30; i++) await enqueue();
    const logger = recordingLogger();
    const adapter = createLogAdapter(logger);
    const policy = { ...DEFAULT_DISPATCH_POLICY, batchSize: 7 };
    const results = await Promise.all(
      Array.from({ length: 4 }, async () => {
        let sent = 0;
        for (;;) {
          const tick = await dispatchOutboxTick(ctx, adapter, policy);
          sent += tick.sent;
          if (tick.claimed === 0) return sent;
        }
      }),
    );
    expect(results.reduce((a, b) => a + b, 0)).toBe(30);
    expect(logger.lines).toHaveLength(30);
    const ids = new Set(logger.lines.map((l) => (l.obj as { outboxId: string }).outboxId));
    expect(ids.size).toBe(30);
    expect((await rows()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });
});
