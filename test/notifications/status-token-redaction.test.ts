import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import { up as redactDeliveredBodies } from "../../src/db/migrations/0021_redact_delivered_bodies.ts";
import { DEFAULT_DISPATCH_POLICY, dispatchOutboxTick } from "../../src/jobs/outbox-dispatch.ts";
import { silentLogger } from "../../src/lib/context.ts";
import { createLogAdapter } from "../../src/modules/notifications/adapters/log.ts";
import { enqueueResidentNotification } from "../../src/modules/notifications/outbox.ts";
import { createLogger } from "../../src/server.ts";
import { createTestContext, seedExampleRegion, settableClock, testConfig } from "../support/app.ts";
import type { TestDatabase } from "../support/database.ts";

// The resident's status token is a bearer credential: whoever holds it reads the contact's status.
const TOKEN = "Zm9vYmFyLXN0YXR1cy10b2tlbi0wMTIzNDU2Nzg5YWJj";

const clock = settableClock("2026-03-02T08:00:00Z");
let ctx: Awaited<ReturnType<typeof createTestContext>>["ctx"];
let database: TestDatabase;

beforeAll(async () => {
  ({ ctx, database } = await createTestContext(clock));
  await seedExampleRegion(ctx);
});
afterAll(() => database.close());

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

describe("the status token in the request log", () => {
  it.each([false, true])("is redacted from every line (terminal output: %s)", async (terminal) => {
    const out = capture();
    const logger = createLogger("info", terminal, out.stream);
    const app = await buildApp({ ctx, config: testConfig, webDistDir: null, loggerInstance: logger });
    await app.ready();
    const reply = await app.inject({ method: "GET", url: `/api/contacts/status/${TOKEN}` });
    expect(reply.statusCode).toBe(404);
    logger.info({ link: `https://vardnav.example/kontakt/status/${TOKEN}` }, "a message naming the link");
    await app.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = out.text();
    expect(text).toContain("/api/contacts/status/[redacted]");
    expect(text).toContain("/kontakt/status/[redacted]");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(0, 12));
  });
});

describe("a delivered message's body", () => {
  it("keeps no status token once sent", async () => {
    await ctx.db.transaction().execute((trx) =>
      enqueueResidentNotification(trx, ctx, {
        regionCode: "22",
        contactId: randomUUID(),
        kind: "receipt",
        to: { phone: "070-174 00 12" },
        text: `Vi har tagit emot din kontakt. Följ den här: https://vardnav.example/kontakt/status/${TOKEN}`,
      }),
    );
    const before = await ctx.db.selectFrom("outbox_messages").select("body").executeTakeFirstOrThrow();
    expect(before.body).toContain(TOKEN);
    await dispatchOutboxTick(ctx, createLogAdapter(silentLogger), DEFAULT_DISPATCH_POLICY);
    const after = await ctx.db
      .selectFrom("outbox_messages")
      .select(["status", "body"])
      .executeTakeFirstOrThrow();
    expect(after).toEqual({
      status: "sent",
      body: "Vi har tagit emot din kontakt. Följ den här: https://vardnav.example/kontakt/status/[redacted]",
    });
  });

  it("migration 0021 redacts the bodies of messages delivered before", async () => {
    await ctx.db.transaction().execute((trx) =>
      enqueueResidentNotification(trx, ctx, {
        regionCode: "22",
        contactId: randomUUID(),
        kind: "receipt",
        to: { phone: "070-174 00 12" },
        text: `Följ: /kontakt/status/${TOKEN}`,
      }),
    );
    // As an older version left it: sent, token in the body.
    await ctx.db
      .updateTable("outbox_messages")
      .set({ status: "sent" })
      .where("status", "=", "pending")
      .execute();
    expect(
      (
        await ctx.db
          .selectFrom("outbox_messages")
          .select("body")
          .where("body", "like", `%${TOKEN}%`)
          .execute()
      ).length,
    ).toBe(1);
    await redactDeliveredBodies(ctx.db as never);
    const bodies = (await ctx.db.selectFrom("outbox_messages").select("body").orderBy("id").execute()).map(
      (r) => r.body,
    );
    expect(bodies.at(-1)).toBe("Följ: /kontakt/status/[redacted]");
    expect(bodies.join("\n")).not.toContain(TOKEN);
  });
});
