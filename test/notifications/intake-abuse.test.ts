import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_DISPATCH_POLICY, drainOutbox } from "../../src/jobs/outbox-dispatch.ts";
import { createLogAdapter } from "../../src/modules/notifications/adapters/log.ts";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
} from "../support/app.ts";

// Issue 12, item 7: anyone can file contacts in another person's name and make Vårdnav text any number.
// The dispatcher holds back public-intake receipts beyond a daily allowance per phone number and per
// identity number; a filled honeypot is answered like any contact but nothing is stored or sent; region
// admins see both, counted per day.

const KRAMFORS = "SE2321000000-E0001";
// Monday 2 March 2026, 08:30 Stockholm: Kramfors has phone hours.
const clock = settableClock("2026-03-02T07:30:00Z");
let t: TestApp;
const policy = { ...DEFAULT_DISPATCH_POLICY, intakeLimits: { perPhonePerDay: 3, perIdentityPerDay: 2 } };
const silentAdapter = () => createLogAdapter({ info() {}, warn() {}, error() {}, debug() {} });

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  await seedUser(t.ctx, { username: "nurse.a", role: "staff", regionCode: "22", unitHsaIds: [KRAMFORS] });
});
afterAll(() => t.close());
beforeEach(async () => {
  clock.set("2026-03-02T07:30:00Z");
  await t.ctx.db.deleteFrom("outbox_messages").execute();
  await t.ctx.db.deleteFrom("intake_message_counts").execute();
  await t.ctx.db.deleteFrom("intake_abuse_daily").execute();
});

function webContact(overrides: Record<string, unknown> = {}) {
  return t.app.inject({
    method: "POST",
    url: "/api/contacts",
    payload: {
      unitHsaId: KRAMFORS,
      identityNumber: "19121212-1212",
      phone: "070-123 45 67",
      description: "Ont i halsen",
      newProblem: true,
      preferredWindow: "any",
      ...overrides,
    },
  });
}

async function outbox() {
  return t.ctx.db
    .selectFrom("outbox_messages")
    .select(["status", "held_reason", "body"])
    .orderBy("id")
    .execute();
}

async function abuseReport(username = "admin.22", query = "") {
  const s = await loginAs(t.app, username);
  return t.app.inject({
    method: "GET",
    url: `/api/contacts/intake-abuse${query}`,
    headers: { cookie: s.cookie },
  });
}

describe("the public intake's message allowance", () => {
  it("holds back receipts beyond the identity number's allowance, keeps and counts them", async () => {
    for (let i = 0; i < 4; i++) expect((await webContact()).statusCode).toBe(201);
    const result = await drainOutbox(t.ctx, silentAdapter(), policy);
    expect(result).toMatchObject({ claimed: 4, sent: 2, held: 2 });
    const rows = await outbox();
    expect(rows.map((r) => [r.status, r.held_reason])).toEqual([
      ["sent", null],
      ["sent", null],
      ["held", "identity_limit"],
      ["held", "identity_limit"],
    ]);
    // A held message does not keep the status link's token.
    for (const row of rows) expect(row.body).not.toMatch(/status\/[A-Za-z0-9_-]{20,}/);
    // The counters hold keyed hashes, never the clear numbers.
    const counters = await t.ctx.db.selectFrom("intake_message_counts").selectAll().execute();
    expect(counters.map((c) => [c.kind, c.sent]).sort()).toEqual([
      ["identity", 2],
      ["phone", 2],
    ]);
    for (const c of counters) expect(c.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(counters)).not.toContain("1212");
    expect(JSON.stringify(counters)).not.toContain("1234567");
  });

  it("holds back receipts beyond the phone number's allowance, whoever's name is given", async () => {
    const identities = ["19121212-1212", "19800101-1231", "19850615-2340", "19920330-3459"];
    for (const identityNumber of identities) {
      expect((await webContact({ identityNumber })).statusCode).toBe(201);
    }
    // Four people, one phone number: the fourth receipt is over the phone's allowance of 3.
    const result = await drainOutbox(t.ctx, silentAdapter(), policy);
    expect(result).toMatchObject({ sent: 3, held: 1 });
    expect((await outbox()).at(-1)).toMatchObject({ status: "held", held_reason: "phone_limit" });
  });

  it("decides a batch in claim order: a receipt held for its identity number uses none of the phone's allowance", async () => {
    // One phone number; identity allowance 2, phone allowance 3. A, A, A, B, C in that order, one batch.
    const people = ["19121212-1212", "19121212-1212", "19121212-1212", "19800101-1231", "19850615-2340"];
    for (const identityNumber of people) {
      expect((await webContact({ identityNumber })).statusCode).toBe(201);
    }
    const result = await drainOutbox(t.ctx, silentAdapter(), policy);
    expect(result).toMatchObject({ claimed: 5, sent: 3, held: 2 });
    expect((await outbox()).map((r) => [r.status, r.held_reason])).toEqual([
      ["sent", null],
      ["sent", null],
      ["held", "identity_limit"],
      ["sent", null],
      ["held", "phone_limit"],
    ]);
    const counters = await t.ctx.db.selectFrom("intake_message_counts").select(["kind", "sent"]).execute();
    // C's identity counter was taken (locked) but not used: C's receipt was held for the phone.
    expect(counters.map((c) => [c.kind, c.sent]).sort()).toEqual([
      ["identity", 0],
      ["identity", 1],
      ["identity", 2],
      ["phone", 3],
    ]);
    const abuse = await t.ctx.db.selectFrom("intake_abuse_daily").select(["reason", "count"]).execute();
    expect(abuse.map((a) => [a.reason, a.count]).sort()).toEqual([
      ["identity_limit", 1],
      ["phone_limit", 1],
    ]);
  });

  it("gives a new allowance on the next Stockholm day", async () => {
    for (let i = 0; i < 3; i++) await webContact();
    expect(await drainOutbox(t.ctx, silentAdapter(), policy)).toMatchObject({ sent: 2, held: 1 });
    clock.set("2026-03-03T07:30:00Z");
    await webContact();
    expect(await drainOutbox(t.ctx, silentAdapter(), policy)).toMatchObject({ sent: 1, held: 0 });
    // Counters of earlier days are pruned.
    const days = await t.ctx.db.selectFrom("intake_message_counts").select("day").distinct().execute();
    expect(days.map((d) => d.day)).toEqual(["2026-03-03"]);
  });

  it("does not limit receipts of contacts staff register", async () => {
    const nurse = await loginAs(t.app, "nurse.a");
    for (let i = 0; i < 4; i++) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/worklist/contacts",
        headers: { cookie: nurse.cookie, "x-csrf-token": nurse.csrfToken },
        payload: {
          unitHsaId: KRAMFORS,
          channel: "visit",
          identityNumber: "19121212-1212",
          phone: "070-123 45 67",
          description: "Besök",
          newProblem: false,
        },
      });
      expect(response.statusCode).toBe(201);
    }
    expect(await drainOutbox(t.ctx, silentAdapter(), policy)).toMatchObject({ sent: 4, held: 0 });
  });

  it("shows the held-back receipts per day and reason to the region's admins only", async () => {
    for (let i = 0; i < 3; i++) await webContact();
    await drainOutbox(t.ctx, silentAdapter(), policy);
    const response = await abuseReport();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      regionCode: "22",
      to: "2026-03-02",
      from: "2026-02-17",
      days: [{ day: "2026-03-02", honeypot: 0, phoneLimit: 0, identityLimit: 1 }],
      totals: { honeypot: 0, phoneLimit: 0, identityLimit: 1 },
    });
    expect((await abuseReport("nurse.a")).statusCode).toBe(403);
    expect((await abuseReport("admin.22", "?region=24")).statusCode).toBe(403);
  });
});

describe("the honeypot field", () => {
  it("answers a filled honeypot like any contact, but stores and sends nothing, and counts it", async () => {
    const contactsBefore = await t.ctx.db.selectFrom("contacts").select("id").execute();
    const response = await webContact({ website: "http://spam.example" });
    expect(response.statusCode).toBe(201);
    const receipt = response.json();
    const real = (await webContact()).json();
    expect(Object.keys(receipt).sort()).toEqual(Object.keys(real).sort());
    expect(receipt.unitName).toBe(real.unitName);
    expect(receipt.statusPath).toMatch(/^\/kontakt\/status\//);
    const contactsAfter = await t.ctx.db.selectFrom("contacts").select("id").execute();
    expect(contactsAfter.length).toBe(contactsBefore.length + 1);
    expect(contactsAfter.map((c) => c.id)).not.toContain(receipt.contactId);
    expect(await outbox()).toHaveLength(1);
    const status = await t.app.inject({ method: "GET", url: `/api/contacts/status/${receipt.statusToken}` });
    expect(status.statusCode).toBe(404);
    const report = (await abuseReport()).json();
    expect(report.totals).toEqual({ honeypot: 1, phoneLimit: 0, identityLimit: 0 });
  });

  it("treats an empty honeypot as a person's submission", async () => {
    const response = await webContact({ website: "" });
    expect(response.statusCode).toBe(201);
    expect(await outbox()).toHaveLength(1);
  });
});
