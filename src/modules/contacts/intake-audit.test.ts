import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, seedExampleRegion, settableClock, type TestApp } from "../../../test/support/app.ts";
import { appendPendingAudit, systemActor, verifyAuditChain } from "../audit/audit.service.ts";
import { signTelephonyRequest } from "./telephony.service.ts";
import { registerTelephonySystem } from "./telephony-systems.service.ts";

// Personal data that enters without a signed-in person is still on the access log: the resident's web
// form as the system actor `public-intake`, a phone-system event as `telephony:<system id>`.
const KRAMFORS = "SE2321000000-E0001";
const clock = settableClock("2026-03-02T07:30:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
});
afterAll(() => t.close());

async function auditOf(entityId: string) {
  // The public intake's entry is committed with the contact in audit_pending and chained into audit_log
  // by the appender (migration 0034); every reader of the log appends first, and so does this one.
  await appendPendingAudit(t.ctx);
  return t.ctx.db
    .selectFrom("audit_log")
    .select(["action", "actor_username", "actor_role", "region_code", "purpose"])
    .where("entity_id", "=", entityId)
    .orderBy("id")
    .execute();
}

describe("contacts without a signed-in person are audited as system actions", () => {
  it("the public web form", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/contacts",
      payload: {
        unitHsaId: KRAMFORS,
        identityNumber: "19121212-1212",
        phone: "070-123 45 67",
        description: "Ont i halsen",
        newProblem: true,
        preferredWindow: "any",
      },
    });
    expect(response.statusCode).toBe(201);
    expect(await auditOf(response.json().contactId)).toEqual([
      {
        action: "contact.create",
        actor_username: "public-intake",
        actor_role: "system",
        region_code: "22",
        purpose: "POST /api/contacts (resident web form)",
      },
    ]);
  });

  it("a phone-system event", async () => {
    const system = await registerTelephonySystem(
      t.ctx,
      systemActor("test"),
      { id: "telia-22", regionCode: "22", name: "Telia" },
      "test",
    );
    const raw = JSON.stringify({
      callId: "call-1",
      unitHsaId: KRAMFORS,
      event: "callback_booked",
      at: "2026-03-02T07:30:00Z",
    });
    const timestamp = String(Math.floor(clock.now().epochMilliseconds / 1000));
    const response = await t.app.inject({
      method: "POST",
      url: "/api/telephony/events",
      headers: {
        "content-type": "application/json",
        "idempotency-key": "k-1",
        "x-vardnav-system": "telia-22",
        "x-vardnav-timestamp": timestamp,
        "x-vardnav-signature": signTelephonyRequest(system.secret, timestamp, "k-1", raw),
      },
      payload: raw,
    });
    expect(response.statusCode).toBe(201);
    expect(await auditOf(response.json().contactId)).toEqual([
      {
        action: "contact.telephony_event",
        actor_username: "telephony:telia-22",
        actor_role: "system",
        region_code: "22",
        purpose: "POST /api/telephony/events",
      },
    ]);
    expect((await verifyAuditChain(t.ctx)).ok).toBe(true);
  });
});
