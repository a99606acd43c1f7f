import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  loginAs,
  type Session,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
  testConfig,
} from "../../../test/support/app.ts";
import { buildApp } from "../../app.ts";
import { systemActor } from "../audit/audit.service.ts";
import { signTelephonyBody, signTelephonyRequest } from "./telephony.service.ts";
import {
  disableTelephonySystem,
  listTelephonySystems,
  registerTelephonySystem,
  rotateTelephonySecret,
  setUnversionedSignature,
} from "./telephony-systems.service.ts";

// Monday 2 March 2026, 08:30 Stockholm (CET, UTC+1). Kramfors: phone 08:00–12:00 and 13:00–16:30 in
// 15-minute slots of 3 calls, closes 17:00. Ramsele is another unit of the region; E0099 the backup team.
const KRAMFORS = "SE2321000000-E0001";
const RAMSELE = "SE2321000000-E0002";
const BACKUP = "SE2321000000-E0099";
const PNR = "19121212-1212";
const clock = settableClock("2026-03-02T07:30:00Z");
let t: TestApp;
// Sessions expire after 12 hours of the test clock, so a user signs in again on each simulated day.
const sessions = new Map<string, { day: string; session: Session }>();

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  const users = [
    { username: "nurse.a", role: "staff", unitHsaIds: [KRAMFORS] },
    { username: "nurse.b", role: "staff", unitHsaIds: [KRAMFORS] },
    { username: "nurse.ramsele", role: "staff", unitHsaIds: [RAMSELE] },
    { username: "backup.nurse", role: "staff", unitHsaIds: [BACKUP] },
    { username: "chef.kramfors", role: "unit_manager", unitHsaIds: [KRAMFORS] },
    { username: "admin.22", role: "region_admin", unitHsaIds: [] },
    { username: "utskott.22", role: "committee", unitHsaIds: [] },
    { username: "revisor.22", role: "auditor", unitHsaIds: [] },
  ] as const;
  for (const user of users) {
    await seedUser(t.ctx, { ...user, unitHsaIds: [...user.unitHsaIds], regionCode: "22" });
  }
});
afterAll(() => t.close());

async function session(username: string): Promise<Session> {
  const day = clock.now().toString().slice(0, 10);
  const cached = sessions.get(username);
  if (cached && cached.day === day) return cached.session;
  const fresh = await loginAs(t.app, username);
  sessions.set(username, { day, session: fresh });
  return fresh;
}

async function as(username: string, method: "GET" | "POST", url: string, payload?: unknown) {
  const s = await session(username);
  return t.app.inject({
    method,
    url,
    headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

function webContact(overrides: Record<string, unknown> = {}) {
  return t.app.inject({
    method: "POST",
    url: "/api/contacts",
    payload: {
      unitHsaId: KRAMFORS,
      identityNumber: PNR,
      phone: "070-123 45 67",
      description: "Ont i halsen sedan tre dagar",
      newProblem: true,
      preferredWindow: "any",
      ...overrides,
    },
  });
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom("audit_log")
    .select("action")
    .where("entity_id", "=", entityId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

describe("public intake", () => {
  it("lists units residents can contact, by unit or kommun name, never the backup team", async () => {
    const all = await t.app.inject({ method: "GET", url: "/api/public/units?region=22" });
    expect(all.statusCode).toBe(200);
    const hsaIds = all.json().units.map((u: { hsaId: string }) => u.hsaId);
    expect(hsaIds).toContain(KRAMFORS);
    expect(hsaIds).not.toContain(BACKUP);
    const byKommun = await t.app.inject({ method: "GET", url: "/api/public/units?q=sollef" });
    expect(byKommun.json().units).toEqual([
      { hsaId: RAMSELE, name: "Ramsele sjukstuga (exempel)", kommunName: "Sollefteå", regionCode: "22" },
    ]);
  });

  it("accepts a contact with the earliest free slot, stores personal data encrypted and queues the receipt", async () => {
    clock.set("2026-03-02T07:30:00Z");
    const response = await webContact();
    expect(response.statusCode).toBe(201);
    const receipt = response.json();
    expect(receipt).toMatchObject({
      unitName: "Kramfors hälsocentral (exempel)",
      receivedAt: "2026-03-02T07:30:00.000Z",
      serviceDay: "2026-03-02",
      slotStart: "2026-03-02T07:30:00.000Z",
      slotEnd: "2026-03-02T07:45:00.000Z",
      deadline: "2026-03-02T16:00:00.000Z",
      overflowed: false,
      promise: "Vi ringer dig mellan kl 08:30 och 08:45",
    });
    expect(receipt.statusToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(receipt.statusPath).toBe(`/kontakt/status/${receipt.statusToken}`);

    const row = await t.ctx.db
      .selectFrom("contacts")
      .selectAll()
      .where("id", "=", receipt.contactId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: "web", channel: "digital", result: "registered", status: "open" });
    expect(row.identity_encrypted).not.toContain("1212");
    expect(row.phone_encrypted).not.toContain("123");
    expect(row.identity_hash).toMatch(/^[0-9a-f]{64}$/);
    const index = await t.ctx.db
      .selectFrom("contact_index")
      .select("status_token_hash")
      .where("contact_id", "=", receipt.contactId)
      .executeTakeFirstOrThrow();
    expect(index.status_token_hash).toBe(createHash("sha256").update(receipt.statusToken).digest("hex"));
    const outbox = await t.ctx.db
      .selectFrom("outbox_messages")
      .select(["kind", "body"])
      .where("contact_id", "=", receipt.contactId)
      .execute();
    expect(outbox.map((m) => m.kind)).toEqual(["receipt"]);
  });

  it("the same resident gets the same keyed hash, so their contacts can be found without decrypting", async () => {
    const a = (await webContact({ identityNumber: "191212121212" })).json();
    const b = (await webContact({ identityNumber: "121212+1212" })).json();
    const rows = await t.ctx.db
      .selectFrom("contacts")
      .select("identity_hash")
      .where("id", "in", [a.contactId, b.contactId])
      .execute();
    expect(new Set(rows.map((r) => r.identity_hash)).size).toBe(1);
  });

  it.each([
    ["a bad check digit", { identityNumber: "19810101-0008" }, "identityNumber"],
    ["a foreign phone number", { phone: "+4512345678" }, "phone"],
    ["an empty description", { description: "" }, "description"],
    ["a description over 1000 characters", { description: "x".repeat(1001) }, "description"],
  ])("rejects %s with 400 and the field", async (_name, overrides, path) => {
    const response = await webContact(overrides);
    expect(response.statusCode).toBe(400);
    const paths: string[] = response.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths.some((p) => p === path || p === `body.${path}`)).toBe(true);
  });

  it("the public endpoints are rate limited per client (PUBLIC_RATE_LIMIT_PER_MINUTE)", async () => {
    const limited = await buildApp({
      ctx: t.ctx,
      config: { ...testConfig, PUBLIC_RATE_LIMIT_PER_MINUTE: 2 },
      webDistDir: null,
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await limited.inject({ method: "GET", url: "/api/public/units?q=x" });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([200, 200, 429]);
      const intake = await limited.inject({ method: "POST", url: "/api/contacts", payload: {} });
      expect(intake.statusCode).toBe(400); // its own budget: validated, not limited yet
    } finally {
      await limited.close();
    }
  });

  it("404 for the backup team or an unknown unit", async () => {
    expect((await webContact({ unitHsaId: BACKUP })).statusCode).toBe(404);
    expect((await webContact({ unitHsaId: "SE000-NOPE" })).statusCode).toBe(404);
  });

  it("honours the preferred window when a slot in it is free", async () => {
    clock.set("2026-03-02T07:30:00Z");
    const receipt = (await webContact({ preferredWindow: "afternoon" })).json();
    expect(receipt.promise).toBe("Vi ringer dig mellan kl 13:00 och 13:15");
  });

  it("a contact after phone hours but before closing overflows with the closing time as its promise", async () => {
    clock.set("2026-03-02T15:40:00Z"); // 16:40, phone hours ended 16:30, closes 17:00
    const receipt = (await webContact()).json();
    expect(receipt).toMatchObject({
      overflowed: true,
      slotStart: null,
      promise: "Återkoppling senast kl 17:00",
    });
  });

  it("a contact in the evening is served the next open day", async () => {
    clock.set("2026-03-06T18:00:00Z"); // Friday 19:00 → Monday 9 March
    const receipt = (await webContact()).json();
    expect(receipt).toMatchObject({
      serviceDay: "2026-03-09",
      slotStart: "2026-03-09T07:00:00.000Z",
      promise: "Vi ringer dig måndag 9 mars mellan kl 08:00 och 08:15",
    });
  });

  it("parallel intakes never overbook a slot: twice the remaining capacity, the rest overflows", async () => {
    // Tuesday 16:05: the slots 16:00–16:15 and 16:15–16:30 remain, 3 calls each.
    clock.set("2026-03-03T15:05:00Z");
    const responses = await Promise.all(Array.from({ length: 12 }, () => webContact()));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const receipts = responses.map((r) => r.json());
    const perSlot = new Map<string, number>();
    for (const r of receipts) if (r.slotStart) perSlot.set(r.slotStart, (perSlot.get(r.slotStart) ?? 0) + 1);
    expect(Object.fromEntries(perSlot)).toEqual({
      "2026-03-03T15:00:00.000Z": 3,
      "2026-03-03T15:15:00.000Z": 3,
    });
    expect(receipts.filter((r) => r.overflowed)).toHaveLength(6);
    const stored = await t.ctx.db
      .selectFrom("contacts")
      .select(["slot_start", (eb) => eb.fn.countAll<string>().as("n")])
      .where("service_day", "=", "2026-03-03")
      .where("slot_start", "is not", null)
      .groupBy("slot_start")
      .execute();
    expect(stored.every((s) => Number(s.n) <= 3)).toBe(true);
  });

  it("the status page shows the promise and progress, never the identity number", async () => {
    clock.set("2026-03-04T08:00:00Z");
    const receipt = (await webContact()).json();
    const response = await t.app.inject({
      method: "GET",
      url: `/api/contacts/status/${receipt.statusToken}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      state: "waiting",
      promise: receipt.promise,
      outcome: null,
      events: [{ kind: "created" }],
    });
    expect(response.body).not.toContain("1212");
    const unknown = await t.app.inject({ method: "GET", url: `/api/contacts/status/${"A".repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
  });
});

describe("worklist scope", () => {
  let contactId: string;
  beforeAll(async () => {
    clock.set("2026-03-05T08:00:00Z");
    contactId = (await webContact()).json().contactId;
  });

  it("the unit's nurse sees today's contacts decrypted, with counters; the read is audited", async () => {
    const response = await as("nurse.a", "GET", `/api/worklist?unit=${KRAMFORS}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.unit).toEqual({ hsaId: KRAMFORS, name: "Kramfors hälsocentral (exempel)" });
    expect(body.date).toBe("2026-03-05");
    const contact = body.contacts.find((c: { id: string }) => c.id === contactId);
    expect(contact).toMatchObject({
      identityNumber: "191212121212",
      age: 113,
      phone: "+46701234567",
      status: "open",
      newProblem: true,
      assessmentDeadline: "2026-03-08",
      atRisk: false,
      missed: false,
    });
    // Today's list also carries older contacts still open (unanswered from earlier days).
    expect(body.counters).toMatchObject({ received: 1, answered: 0 });
    expect(body.counters.open).toBe(
      body.contacts.filter((c: { status: string }) => c.status === "open").length,
    );
    expect(body.contacts.some((c: { serviceDay: string }) => c.serviceDay < "2026-03-05")).toBe(true);
    expect(await auditActions(KRAMFORS)).toContain("worklist.read");
  });

  it.each([
    ["a nurse of another unit", "nurse.ramsele", 403],
    ["the committee", "utskott.22", 403],
    ["an auditor", "revisor.22", 403],
    ["the region admin", "admin.22", 200],
    ["the unit manager", "chef.kramfors", 200],
  ])("%s (%s) → %i", async (_name, username, status) => {
    expect((await as(username, "GET", `/api/worklist?unit=${KRAMFORS}`)).statusCode).toBe(status);
    expect((await as(username, "GET", `/api/worklist/three-day?unit=${KRAMFORS}`)).statusCode).toBe(status);
  });

  it("a nurse of another unit cannot act on the contact", async () => {
    expect((await as("nurse.ramsele", "POST", `/api/contacts/${contactId}/claim`)).statusCode).toBe(403);
    expect(
      (await as("utskott.22", "POST", `/api/contacts/${contactId}/notes`, { text: "x" })).statusCode,
    ).toBe(403);
  });

  it("orders by slot then deadline, overflow last; a past date shows that day only", async () => {
    clock.set("2026-03-05T08:30:00Z");
    const today = (await as("nurse.a", "GET", `/api/worklist?unit=${KRAMFORS}`)).json();
    const slotted = today.contacts.filter((c: { slotStart: string | null }) => c.slotStart !== null);
    const starts = slotted.map((c: { slotStart: string }) => c.slotStart);
    expect([...starts].sort()).toEqual(starts);
    const firstOverflow = today.contacts.findIndex((c: { slotStart: string | null }) => c.slotStart === null);
    // Earlier days' overflow is still open, so there is some, and it comes after every slotted contact.
    expect(firstOverflow).toBe(slotted.length);
    const past = (await as("nurse.a", "GET", `/api/worklist?unit=${KRAMFORS}&date=2026-03-03`)).json();
    expect(past.date).toBe("2026-03-03");
    expect(past.contacts.length).toBe(12);
    expect(past.contacts.every((c: { serviceDay: string }) => c.serviceDay === "2026-03-03")).toBe(true);
    expect(past.counters).toMatchObject({ received: 12, overflow: 6 });
  });

  it("without a session: 401", async () => {
    const response = await t.app.inject({ method: "GET", url: `/api/worklist?unit=${KRAMFORS}` });
    expect(response.statusCode).toBe(401);
  });

  it("marks a contact at risk within 60 minutes of its deadline, and missed after it", async () => {
    clock.set("2026-03-05T15:10:00Z"); // 16:10, deadline 17:00
    const atRisk = (await as("nurse.a", "GET", `/api/worklist?unit=${KRAMFORS}`)).json();
    expect(atRisk.contacts.find((c: { id: string }) => c.id === contactId)).toMatchObject({ atRisk: true });
    clock.set("2026-03-05T16:10:00Z");
    const missed = (await as("nurse.a", "GET", `/api/worklist?unit=${KRAMFORS}`)).json();
    expect(missed.contacts.find((c: { id: string }) => c.id === contactId)).toMatchObject({
      atRisk: false,
      missed: true,
    });
    expect(missed.counters.missed).toBeGreaterThanOrEqual(1);
  });
});

describe("worklist actions", () => {
  it("claim is exclusive; release by the holder frees it", async () => {
    clock.set("2026-03-09T08:00:00Z");
    const { contactId } = (await webContact()).json();
    const claimed = await as("nurse.a", "POST", `/api/contacts/${contactId}/claim`);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json().claimedBy).toMatchObject({ displayName: "nurse.a" });
    expect((await as("nurse.a", "POST", `/api/contacts/${contactId}/claim`)).statusCode).toBe(200);
    const other = await as("nurse.b", "POST", `/api/contacts/${contactId}/claim`);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe("conflict");
    expect((await as("nurse.b", "POST", `/api/contacts/${contactId}/release`)).statusCode).toBe(409);
    const released = await as("nurse.a", "POST", `/api/contacts/${contactId}/release`);
    expect(released.json().claimedBy).toBeNull();
    expect((await as("nurse.b", "POST", `/api/contacts/${contactId}/claim`)).statusCode).toBe(200);
    expect(await auditActions(contactId)).toEqual([
      "contact.create",
      "contact.claim",
      "contact.claim",
      "contact.release",
      "contact.claim",
    ]);
  });

  it("three failed attempts close the contact as not reached and tell the resident", async () => {
    const { contactId } = (await webContact()).json();
    const first = await as("nurse.a", "POST", `/api/contacts/${contactId}/attempts`, { reached: false });
    expect(first.json()).toMatchObject({ attempts: 1, status: "open" });
    await as("nurse.a", "POST", `/api/contacts/${contactId}/attempts`, { reached: false });
    const third = await as("nurse.a", "POST", `/api/contacts/${contactId}/attempts`, { reached: false });
    expect(third.json()).toMatchObject({ attempts: 3, status: "closed", outcome: "not_reached" });
    const kinds = await t.ctx.db
      .selectFrom("outbox_messages")
      .select("kind")
      .where("contact_id", "=", contactId)
      .orderBy("id")
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(["receipt", "not_reached"]);
    expect(
      (await as("nurse.a", "POST", `/api/contacts/${contactId}/attempts`, { reached: false })).statusCode,
    ).toBe(409);
  });

  it("response then feedback with a booked visit closes the contact; the resident sees the outcome", async () => {
    const receipt = (await webContact()).json();
    const id = receipt.contactId;
    clock.set("2026-03-09T08:20:00Z");
    const responded = await as("nurse.a", "POST", `/api/contacts/${id}/response`, {});
    expect(responded.json().respondedAt).toBe("2026-03-09T08:20:00.000Z");
    const missingVisit = await as("nurse.a", "POST", `/api/contacts/${id}/feedback`, {
      outcome: "booked_visit",
    });
    expect(missingVisit.statusCode).toBe(400);
    clock.set("2026-03-09T08:25:00Z");
    const feedback = await as("nurse.a", "POST", `/api/contacts/${id}/feedback`, {
      outcome: "booked_visit",
      visitAt: "2026-03-10T09:30:00Z",
      note: "Tid hos distriktsläkare",
    });
    expect(feedback.statusCode).toBe(200);
    expect(feedback.json()).toMatchObject({
      status: "closed",
      outcome: "booked_visit",
      respondedAt: "2026-03-09T08:20:00.000Z",
      feedbackAt: "2026-03-09T08:25:00.000Z",
    });
    const status = (
      await t.app.inject({ method: "GET", url: `/api/contacts/status/${receipt.statusToken}` })
    ).json();
    expect(status).toMatchObject({
      state: "closed",
      outcome: "booked_visit",
      bookedVisitAt: "2026-03-10T09:30:00Z",
      outcomeText: "Du har fått en bokad tid 2026-03-10 kl 10:30.",
    });
    expect(status.events.map((e: { kind: string }) => e.kind)).toEqual(["created", "response", "feedback"]);
    const outbox = await t.ctx.db
      .selectFrom("outbox_messages")
      .select("kind")
      .where("contact_id", "=", id)
      .orderBy("id")
      .execute();
    expect(outbox.map((m) => m.kind)).toEqual(["receipt", "outcome"]);
    expect(await auditActions(id)).toEqual(["contact.create", "contact.response", "contact.feedback"]);
  });

  it("referral to another unit needs that unit", async () => {
    const { contactId } = (await webContact()).json();
    const missing = await as("nurse.a", "POST", `/api/contacts/${contactId}/feedback`, {
      outcome: "referred_unit",
    });
    expect(missing.statusCode).toBe(400);
    const ok = await as("nurse.a", "POST", `/api/contacts/${contactId}/feedback`, {
      outcome: "referred_unit",
      referredUnitHsaId: RAMSELE,
    });
    expect(ok.json().outcomeDetails).toMatchObject({ referredUnitHsaId: RAMSELE });
  });

  it("notes are kept with author; the assessment takes the contact off the three-day list", async () => {
    clock.set("2026-03-09T09:00:00Z");
    const { contactId } = (await webContact({ newProblem: true })).json();
    const noted = await as("nurse.a", "POST", `/api/contacts/${contactId}/notes`, { text: "Ring efter 10" });
    expect(noted.json().notes).toEqual([
      { at: "2026-03-09T09:00:00.000Z", author: "nurse.a", text: "Ring efter 10" },
    ]);
    const list = (await as("nurse.a", "GET", `/api/worklist/three-day?unit=${KRAMFORS}`)).json();
    expect(list.contacts.map((c: { id: string }) => c.id)).toContain(contactId);
    expect(
      (await as("nurse.a", "POST", `/api/contacts/${contactId}/assessment`, { profession: "kock" }))
        .statusCode,
    ).toBe(400);
    const future = await as("nurse.a", "POST", `/api/contacts/${contactId}/assessment`, {
      profession: "lakare",
      at: "2026-03-10T09:00:00Z",
    });
    expect(future.statusCode).toBe(400);
    const assessed = await as("nurse.a", "POST", `/api/contacts/${contactId}/assessment`, {
      profession: "lakare",
    });
    expect(assessed.json()).toMatchObject({
      assessedBy: "lakare",
      assessedAt: "2026-03-09T09:00:00.000Z",
      assessmentDeadline: null,
    });
    const after = (await as("nurse.a", "GET", `/api/worklist/three-day?unit=${KRAMFORS}`)).json();
    expect(after.contacts.map((c: { id: string }) => c.id)).not.toContain(contactId);
  });

  it("the three-day list spans days and orders by assessment deadline", async () => {
    clock.set("2026-03-11T09:00:00Z");
    const list = (await as("nurse.a", "GET", `/api/worklist/three-day?unit=${KRAMFORS}`)).json();
    const deadlines = list.contacts.map((c: { assessmentDeadline: string }) => c.assessmentDeadline);
    expect(new Set(deadlines).size).toBeGreaterThan(1);
    expect([...deadlines].sort()).toEqual(deadlines);
  });

  it("staff register walk-ins and letters for their own unit only", async () => {
    clock.set("2026-03-11T09:00:00Z");
    const body = {
      unitHsaId: KRAMFORS,
      channel: "visit",
      identityNumber: "197010632391",
      description: "Sårkontroll",
      newProblem: false,
    };
    const created = await as("nurse.a", "POST", "/api/worklist/contacts", body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      source: "staff",
      channel: "visit",
      identityNumber: "197010632391",
      phone: null,
    });
    expect(await auditActions(created.json().id)).toEqual(["contact.create"]);
    expect((await as("nurse.ramsele", "POST", "/api/worklist/contacts", body)).statusCode).toBe(403);
    expect((await as("utskott.22", "POST", "/api/worklist/contacts", body)).statusCode).toBe(403);
    const letter = await as("nurse.a", "POST", "/api/worklist/contacts", {
      ...body,
      channel: "letter",
      phone: "0611-123456",
    });
    expect(letter.json()).toMatchObject({ channel: "letter", phone: "+46611123456" });
  });
});

describe("overflow and the backup team", () => {
  let overflowId: string;
  beforeAll(async () => {
    clock.set("2026-03-12T15:40:00Z"); // 16:40: phone hours over, overflow
    overflowId = (await webContact()).json().contactId;
  });

  it("the region's overflow list is for the backup team and region admin only", async () => {
    const list = await as("backup.nurse", "GET", "/api/worklist/overflow?region=22");
    expect(list.statusCode).toBe(200);
    const contact = list.json().contacts.find((c: { id: string }) => c.id === overflowId);
    expect(contact).toMatchObject({ unitHsaId: KRAMFORS, overflowed: true });
    expect((await as("admin.22", "GET", "/api/worklist/overflow?region=22")).statusCode).toBe(200);
    expect((await as("nurse.a", "GET", "/api/worklist/overflow?region=22")).statusCode).toBe(403);
    expect((await as("utskott.22", "GET", "/api/worklist/overflow?region=22")).statusCode).toBe(403);
  });

  it("the backup team takes over overflow; the transfer keeps history and deadline", async () => {
    const before = (await as("nurse.a", "GET", `/api/worklist?unit=${KRAMFORS}`)).json();
    const original = before.contacts.find((c: { id: string }) => c.id === overflowId);
    expect((await as("backup.nurse", "POST", `/api/contacts/${overflowId}/claim`)).statusCode).toBe(200);
    const moved = await as("backup.nurse", "POST", `/api/contacts/${overflowId}/transfer`, {
      toUnitHsaId: BACKUP,
      reason: "Kramfors fullt",
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      unitHsaId: BACKUP,
      transferredFrom: KRAMFORS,
      deadline: original.deadline,
      receivedAt: original.receivedAt,
      claimedBy: null,
    });
    const backupList = (await as("backup.nurse", "GET", `/api/worklist?unit=${BACKUP}`)).json();
    expect(backupList.contacts.map((c: { id: string }) => c.id)).toContain(overflowId);
    const kramfors = (await as("nurse.a", "GET", `/api/worklist?unit=${KRAMFORS}`)).json();
    expect(kramfors.contacts.map((c: { id: string }) => c.id)).not.toContain(overflowId);
    const events = await t.ctx.db
      .selectFrom("contact_events")
      .select("kind")
      .where("contact_id", "=", overflowId)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.kind)).toEqual(["created", "claimed", "transfer"]);
    expect(await auditActions(overflowId)).toEqual(["contact.create", "contact.claim", "contact.transfer"]);
  });

  it("the backup team cannot act on contacts that are not in overflow", async () => {
    clock.set("2026-03-13T08:00:00Z");
    const { contactId } = (await webContact()).json();
    expect((await as("backup.nurse", "POST", `/api/contacts/${contactId}/claim`)).statusCode).toBe(403);
  });

  it("a transfer to another region's unit or the same unit is refused", async () => {
    const { contactId } = (await webContact()).json();
    const same = await as("nurse.a", "POST", `/api/contacts/${contactId}/transfer`, {
      toUnitHsaId: KRAMFORS,
      reason: "x",
    });
    expect(same.statusCode).toBe(400);
  });
});

describe("phone-system webhook", () => {
  let secret: string;
  beforeAll(async () => {
    const system = await registerTelephonySystem(
      t.ctx,
      systemActor("test"),
      { id: "telia-22", regionCode: "22", name: "Telia Touchpoint" },
      "test",
    );
    secret = system.secret;
  });

  const nowSeconds = () => String(Math.floor(clock.now().epochMilliseconds / 1000));

  function post(body: unknown, key: string, headers: Record<string, string> = {}) {
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    const timestamp = nowSeconds();
    return t.app.inject({
      method: "POST",
      url: "/api/telephony/events",
      headers: {
        "content-type": "application/json",
        "idempotency-key": key,
        "x-vardnav-system": "telia-22",
        "x-vardnav-timestamp": timestamp,
        "x-vardnav-signature": signTelephonyRequest(secret, timestamp, key, raw),
        ...headers,
      },
      payload: raw,
    });
  }

  /** A request signed at `signedAt` (unix seconds) and sent now. */
  function postSignedAt(signedAt: number, body: unknown, key: string) {
    const raw = JSON.stringify(body);
    return post(raw, key, {
      "x-vardnav-timestamp": String(signedAt),
      "x-vardnav-signature": signTelephonyRequest(secret, String(signedAt), key, raw),
    });
  }

  const event = (callId: string, kind: string, at = "2026-03-16T08:00:00Z") => ({
    callId,
    unitHsaId: KRAMFORS,
    event: kind,
    at,
  });

  it("phone systems are registered by the region admin, who gets the secret once", async () => {
    const body = { id: "asterisk-22", regionCode: "22", name: "Asterisk" };
    expect((await as("nurse.a", "POST", "/api/telephony/systems", body)).statusCode).toBe(403);
    const created = await as("admin.22", "POST", "/api/telephony/systems", body);
    expect(created.statusCode).toBe(201);
    expect(created.json().secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await auditActions("asterisk-22")).toEqual(["telephony_system.create"]);
  });

  it.each([
    ["no signature", { "x-vardnav-signature": "" }],
    ["a wrong signature", { "x-vardnav-signature": `v1=${"0".repeat(64)}` }],
    [
      "a signature of another secret",
      { "x-vardnav-signature": signTelephonyRequest("other", "1", "k-0", "{}") },
    ],
    ["an unknown system", { "x-vardnav-system": "nope" }],
    ["no timestamp", { "x-vardnav-timestamp": "" }],
    ["a timestamp that is not a number", { "x-vardnav-timestamp": "soon" }],
    // The legacy form is refused for a system registered after the timestamped signature came.
    ["the unversioned signature of a new system", { "x-vardnav-signature": "LEGACY" }],
  ])("401 for %s", async (_name, headers: Record<string, string>) => {
    const raw = JSON.stringify(event("c-0", "offered"));
    const legacy = headers["x-vardnav-signature"] === "LEGACY";
    const response = await post(raw, "k-0", {
      ...headers,
      ...(legacy ? { "x-vardnav-signature": signTelephonyBody(secret, raw) } : {}),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("invalid_signature");
  });

  it("401 for a timestamp more than 300 s from the clock either way; 300 s is still accepted", async () => {
    clock.set("2026-03-16T08:00:00Z");
    const now = Math.floor(clock.now().epochMilliseconds / 1000);
    for (const signedAt of [now - 301, now + 301]) {
      const response = await postSignedAt(signedAt, event("c-ts", "offered"), `k-ts-${signedAt}`);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("invalid_signature");
    }
    expect((await postSignedAt(now - 300, event("c-ts", "offered"), "k-ts-300")).statusCode).toBe(201);
    expect((await postSignedAt(now + 300, event("c-ts", "offered"), "k-ts+300")).statusCode).toBe(200);
  });

  it("a captured request replayed after 300 s, or under another Idempotency-Key, gets 401", async () => {
    clock.set("2026-03-16T08:00:00Z");
    const raw = JSON.stringify(event("c-replay", "offered"));
    const signedAt = nowSeconds();
    const headers = {
      "x-vardnav-timestamp": signedAt,
      "x-vardnav-signature": signTelephonyRequest(secret, signedAt, "k-replay", raw),
    };
    expect((await post(raw, "k-replay", headers)).statusCode).toBe(201);
    const otherKey = await post(raw, "k-replay-2", headers);
    expect(otherKey.statusCode).toBe(401);
    clock.set("2026-03-16T08:05:01Z");
    const late = await post(raw, "k-replay", headers);
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe("invalid_signature");
    clock.set("2026-03-16T08:00:00Z");
  });

  it("answers 401 before the body is read: a stale request with a 2 MiB body is not a 413", async () => {
    const big = "x".repeat(2 * 1024 * 1024);
    const response = await post(big, "k-big", { "x-vardnav-timestamp": "1000" });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("invalid_signature");
  });

  it("a system registered before v1 may keep the unversioned signature until it is switched off", async () => {
    clock.set("2026-03-16T08:00:00Z");
    const legacy = await registerTelephonySystem(
      t.ctx,
      systemActor("test"),
      { id: "old-22", regionCode: "22", name: "Old", allowUnversionedSignature: true },
      "test",
    );
    const raw = JSON.stringify(event("c-legacy", "offered"));
    const send = () =>
      t.app.inject({
        method: "POST",
        url: "/api/telephony/events",
        headers: {
          "content-type": "application/json",
          "idempotency-key": "k-legacy",
          "x-vardnav-system": "old-22",
          "x-vardnav-signature": signTelephonyBody(legacy.secret, raw),
        },
        payload: raw,
      });
    expect((await send()).statusCode).toBe(201);
    await setUnversionedSignature(t.ctx, systemActor("test"), "old-22", false, "test");
    const refused = await send();
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe("invalid_signature");
  });

  it("a rotated secret replaces the old one; a disabled system is refused", async () => {
    clock.set("2026-03-16T08:00:00Z");
    const before = await post(event("c-rot", "offered"), "k-rot-1");
    expect(before.statusCode).toBe(201);
    const old = secret;
    secret = await rotateTelephonySecret(t.ctx, systemActor("test"), "telia-22", "test");
    expect(secret).not.toBe(old);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await post(event("c-rot", "answered"), "k-rot-2")).statusCode).toBe(200);
    const withOld = signTelephonyRequest(old, nowSeconds(), "k-rot-3", "{}");
    expect((await post("{}", "k-rot-3", { "x-vardnav-signature": withOld })).statusCode).toBe(401);
    await registerTelephonySystem(
      t.ctx,
      systemActor("test"),
      { id: "gone-22", regionCode: "22", name: "G" },
      "t",
    );
    await disableTelephonySystem(t.ctx, systemActor("test"), "gone-22", "test");
    const systems = await listTelephonySystems(t.ctx, systemActor("test"), {});
    expect(systems.find((s) => s.id === "gone-22")?.disabled).toBe(true);
    expect(systems.find((s) => s.id === "telia-22")).toMatchObject({
      disabled: false,
      unversionedSignature: false,
    });
    expect(JSON.stringify(systems)).not.toContain(secret);
    expect(await auditActions("telia-22")).toEqual(["telephony_system.create", "telephony_system.rotate"]);
  });

  it("stores a callback booking with a slot; a retry with the same key gets the same answer", async () => {
    clock.set("2026-03-16T08:00:00Z");
    const first = await post(event("c-1", "callback_booked"), "k-1");
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ result: "callback" });
    const retry = await post(event("c-1", "callback_booked"), "k-1");
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const row = await t.ctx.db
      .selectFrom("contacts")
      .select(["slot_start", "channel", "source", "external_id"])
      .where("id", "=", first.json().contactId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: "phone", source: "telephony", external_id: "c-1" });
    expect(row.slot_start?.toISOString()).toBe("2026-03-16T08:00:00.000Z");
    const count = await t.ctx.db
      .selectFrom("contact_index")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("external_id", "=", "c-1")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("parallel retries of one key apply the event once and all get the same answer", async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => post(event("c-par", "offered"), "k-par")),
    );
    const bodies = responses.map((r) => r.json());
    expect(new Set(bodies.map((b) => b.contactId)).size).toBe(1);
    expect(responses.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const rows = await t.ctx.db
      .selectFrom("contact_index")
      .select("contact_id")
      .where("external_id", "=", "c-par")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("simultaneous events of one call under different keys make one contact", async () => {
    const responses = await Promise.all([
      post(event("c-race", "offered"), "k-race-1"),
      post(event("c-race", "answered", "2026-03-16T08:01:00Z"), "k-race-2"),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(responses.map((r) => r.json().contactId)).size).toBe(1);
  });

  it("the same key with another body is a 409", async () => {
    const response = await post(event("c-1", "answered"), "k-1");
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("idempotency_conflict");
  });

  it("later events of a call update its contact", async () => {
    const offered = await post(event("c-2", "offered"), "k-2a");
    expect(offered.statusCode).toBe(201);
    const answered = await post(event("c-2", "answered", "2026-03-16T08:03:00Z"), "k-2b");
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toEqual({ contactId: offered.json().contactId, result: "answered" });
    const row = await t.ctx.db
      .selectFrom("contacts")
      .select(["responded_at", "status"])
      .where("id", "=", offered.json().contactId)
      .executeTakeFirstOrThrow();
    expect(row.responded_at?.toISOString()).toBe("2026-03-16T08:03:00.000Z");
    expect(row.status).toBe("closed");
  });

  it("a refusal is stored as a contact with result refused", async () => {
    const refused = await post(event("c-3", "refused"), "k-3");
    expect(refused.statusCode).toBe(201);
    expect(refused.json().result).toBe("refused");
  });

  it("400 without an idempotency key or with a bad body; 400 for a unit of another region", async () => {
    expect((await post(event("c-4", "offered"), "")).statusCode).toBe(400);
    expect((await post({ callId: "c-4", event: "offered" }, "k-4")).statusCode).toBe(400);
    expect((await post("not json", "k-5")).statusCode).toBe(400);
    expect((await post({ ...event("c-6", "offered"), unitHsaId: "SE000-NOPE" }, "k-6")).statusCode).toBe(400);
  });
});

describe("live worklist stream", () => {
  it("sends contact-changed for the unit's changes only, to a real listening server", async () => {
    clock.set("2026-03-17T08:00:00Z");
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as AddressInfo;
    const s = await session("nurse.a");
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/worklist/stream?unit=${KRAMFORS}`, {
      headers: { cookie: s.cookie },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value);
      }
    };
    await readUntil(": connected");
    await webContact({ unitHsaId: RAMSELE }); // another unit: no event
    const { contactId } = (await webContact()).json();
    await readUntil(contactId);
    expect(text).toContain(`event: contact-changed\ndata: {"contactId":"${contactId}"}`);
    expect(text.match(/event: contact-changed/g)).toHaveLength(1);
    abort.abort();

    const forbidden = await fetch(`http://127.0.0.1:${port}/api/worklist/stream?unit=${KRAMFORS}`, {
      headers: { cookie: (await session("nurse.ramsele")).cookie },
    });
    expect(forbidden.status).toBe(403);
  });
});
