import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, settableClock, type TestApp } from "../test/support/app.ts";
import { DEMO_PASSWORD } from "./accounts.ts";
import { seedLiveDemoDay, startOfDemoDay } from "./live-day.ts";
import { loadDemoData } from "./load.ts";

// Issue 11, item 8: the demo is alive on any day. On a Saturday and on a holiday the live day still brings
// contacts in, and the worklist shows them waiting for the next open day instead of an empty page.
const clock = settableClock("2026-03-07T11:30:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await loadDemoData(t.ctx);
});
afterAll(() => t.close());

/** The unit of region 22 with the most contacts received since `since`, and how many. */
async function busiestUnit(since: string) {
  const rows = await t.ctx.db
    .selectFrom("contacts")
    .innerJoin("units", "units.id", "contacts.unit_id")
    .select(["units.hsa_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("contacts.region_code", "=", "22")
    .where("units.type", "<>", "backup")
    .where("contacts.received_at", ">=", new Date(since))
    .groupBy("units.hsa_id")
    .orderBy("n", "desc")
    .execute();
  return rows[0];
}

async function adminWorklist(hsaId: string) {
  const session = await loginAs(t.app, "admin.vasternorrland", DEMO_PASSWORD);
  const response = await t.app.inject({
    method: "GET",
    url: `/api/worklist?unit=${hsaId}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe("the live demo on a closed day", () => {
  it.each([
    // Saturday 7 March 2026, 12:30 in Stockholm: waits for Monday 9 March.
    ["a Saturday", "2026-03-07T11:30:00Z", "2026-03-06T16:00:00Z", "2026-03-09"],
    // Kristi himmelsfärdsdag, Thursday 14 May 2026: waits for Friday 15 May.
    ["a holiday", "2026-05-14T10:30:00Z", "2026-05-13T15:00:00Z", "2026-05-15"],
  ])(
    "on %s brings today's contacts in, waiting on the worklist for the next open day",
    async (_name, now, dayStart, next) => {
      clock.set(now);
      const summary = await seedLiveDemoDay(t.ctx, { regionCodes: ["22"] });
      expect(summary.failed).toBe(0);
      expect(summary.contacts).toBeGreaterThan(10);
      // Seeding starts when the units closed on the last open day (17:00 Stockholm).
      expect(summary.from).toBe(dayStart);
      const unit = await busiestUnit(dayStart);
      expect(unit).toBeDefined();
      const list = await adminWorklist(unit?.hsa_id ?? "");
      expect(list.waitingForNextOpenDay).toBe(true);
      expect(list.date).toBe(next);
      expect(list.contacts.length).toBeGreaterThanOrEqual(Number(unit?.n));
    },
  );
});

describe("startOfDemoDay", () => {
  it.each([
    ["an open Monday: 06:00 today", "2026-03-09T09:00:00Z", "2026-03-09T05:00:00Z"],
    ["a Saturday morning: Friday 17:00", "2026-03-07T05:30:00Z", "2026-03-06T16:00:00Z"],
    ["a Sunday: Friday 17:00", "2026-03-08T12:00:00Z", "2026-03-06T16:00:00Z"],
    [
      "annandag påsk: Thursday before Easter, 17:00 (summer time)",
      "2026-04-06T08:00:00Z",
      "2026-04-02T15:00:00Z",
    ],
    ["the Tuesday after Easter: 06:00 today", "2026-04-07T08:00:00Z", "2026-04-07T04:00:00Z"],
  ])("%s", (_name, now, expected) => {
    expect(startOfDemoDay(Temporal.Instant.from(now)).toString()).toBe(expected);
  });
});
