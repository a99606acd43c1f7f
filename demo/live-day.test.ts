import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, settableClock } from "../test/support/app.ts";
import { coveredSettingOf, seedLiveDemoDay } from "./live-day.ts";
import { loadDemoData } from "./load.ts";

// Monday 2 March 2026, 10:30 Stockholm: the morning peak is over, the afternoon not begun.
const clock = settableClock("2026-03-02T09:30:00Z");
let t: Awaited<ReturnType<typeof createTestContext>>;

beforeAll(async () => {
  t = await createTestContext(clock);
  await loadDemoData(t.ctx);
});
afterAll(async () => {
  await t?.database.close();
});

async function contactsOfToday() {
  return t.ctx.db
    .selectFrom("contacts")
    .select(["id", "region_code", "unit_id", "received_at", "status", "overflowed", "responded_at", "source"])
    .where("received_at", ">=", new Date("2026-03-02T00:00:00Z"))
    .execute();
}

describe("seedLiveDemoDay", () => {
  it("creates this morning's contacts through the intake services: some answered, some units overflowing", async () => {
    const summary = await seedLiveDemoDay(t.ctx, { ratePerMinute: 0.35, regionCodes: ["22"] });
    expect(summary.regions).toEqual(["22"]);
    expect(summary.failed).toBe(0);
    expect(summary.contacts).toBeGreaterThan(100);
    expect(summary.answered).toBeGreaterThan(0);
    expect(summary.overflowed).toBeGreaterThan(0);
    expect(summary.from).toBe("2026-03-02T05:00:00Z");

    const rows = await contactsOfToday();
    expect(rows.length).toBe(summary.contacts);
    const start = Date.parse("2026-03-02T05:00:00Z");
    const end = Date.parse("2026-03-02T09:30:00Z");
    for (const row of rows) {
      expect(row.received_at.getTime()).toBeGreaterThanOrEqual(start);
      expect(row.received_at.getTime()).toBeLessThan(end);
    }
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(["web", "telephony", "staff"]));
    // Overflow is concentrated: the units with overflow are few, not every unit.
    const overflowUnits = new Set(rows.filter((r) => r.overflowed).map((r) => r.unit_id));
    const allUnits = new Set(rows.map((r) => r.unit_id));
    expect(overflowUnits.size).toBeGreaterThan(0);
    expect(overflowUnits.size).toBeLessThan(allUnits.size / 2);
    expect(rows.some((r) => r.status === "open" && r.responded_at === null)).toBe(true);
    expect(rows.some((r) => r.source === "web" && r.responded_at !== null)).toBe(true);

    // The backdated receipts are history: nothing is left for the notification adapter to send.
    const pending = await t.ctx.db
      .selectFrom("outbox_messages")
      .select("id")
      .where("status", "=", "pending")
      .execute();
    expect(pending).toHaveLength(0);
    expect(await t.ctx.db.selectFrom("outbox_messages").select("id").execute()).not.toHaveLength(0);
  });

  it("fills only the gap on a restart, never repeating a contact", async () => {
    const before = (await contactsOfToday()).length;
    const again = await seedLiveDemoDay(t.ctx, { ratePerMinute: 0.35, regionCodes: ["22"] });
    expect(again.contacts).toBe(0);
    expect((await contactsOfToday()).length).toBe(before);

    clock.set("2026-03-02T10:00:00Z");
    const gap = await seedLiveDemoDay(t.ctx, { ratePerMinute: 0.35, regionCodes: ["22"] });
    expect(gap.from).toBe("2026-03-02T09:30:00Z");
    const rows = await contactsOfToday();
    expect(rows.length).toBe(before + gap.contacts);
    const late = rows.filter((r) => r.received_at.getTime() >= Date.parse("2026-03-02T09:30:00Z"));
    expect(late.length).toBe(gap.contacts);
    const covered = await t.ctx.db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", coveredSettingOf("22"))
      .executeTakeFirstOrThrow();
    expect(Temporal.Instant.from(covered.value as string).toString()).toBe("2026-03-02T10:00:00Z");
  });
});
