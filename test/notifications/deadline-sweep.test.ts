import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeadlineSweep } from "../../src/jobs/deadline-sweep.ts";
import {
  createTestApp,
  loginAs,
  seedExampleRegion,
  seedUser,
  settableClock,
  type TestApp,
} from "../support/app.ts";
import { insertOpenContact } from "../support/notification-fixtures.ts";

const KRAMFORS = "SE2321000000-E0001";
const RAMSELE = "SE2321000000-E0002";
const BACKUP = "SE2321000000-E0099";

/** The UTC instant of a Stockholm wall-clock time, e.g. ("2026-03-29", "16:00"). */
function stockholm(date: string, time: string): string {
  return Temporal.PlainDateTime.from(`${date}T${time}`)
    .toZonedDateTime("Europe/Stockholm")
    .toInstant()
    .toString();
}

const clock = settableClock("2026-03-02T07:00:00Z");
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedExampleRegion(t.ctx);
  await seedUser(t.ctx, {
    username: "chef.kramfors",
    role: "unit_manager",
    regionCode: "22",
    unitHsaIds: [KRAMFORS],
  });
  await seedUser(t.ctx, {
    username: "chef.ramsele",
    role: "unit_manager",
    regionCode: "22",
    unitHsaIds: [RAMSELE],
  });
  await seedUser(t.ctx, {
    username: "nurse.kramfors",
    role: "staff",
    regionCode: "22",
    unitHsaIds: [KRAMFORS],
  });
  await seedUser(t.ctx, { username: "admin.22", role: "region_admin", regionCode: "22" });
  await t.ctx.db.insertInto("regions").values({ code: "24", name: "Region Västerbotten (test)" }).execute();
  await seedUser(t.ctx, { username: "admin.24", role: "region_admin", regionCode: "24" });
  await seedUser(t.ctx, { username: "utskott.22", role: "committee", regionCode: "22" });
});
afterAll(() => t.close());

async function contactState(id: string) {
  const row = await t.ctx.db
    .selectFrom("contacts")
    .select(["at_risk_at", "missed_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { atRisk: row.at_risk_at?.toISOString() ?? null, missed: row.missed_at?.toISOString() ?? null };
}

async function sweepAt(instant: string) {
  clock.set(instant);
  return runDeadlineSweep(t.ctx, { atRiskMinutes: 60 });
}

describe("deadline sweep", () => {
  // A normal winter day (CET), the day summer time starts (29 March: 02:00 → 03:00) and the day it ends
  // (25 October: 03:00 → 02:00). The deadline is 17:00 Stockholm time; at risk from 16:00, missed from 17:00.
  it.each(["2026-03-02", "2026-03-29", "2026-10-25"])(
    "on %s marks at risk at 16:00 and missed at 17:00 Stockholm time, once each",
    async (day) => {
      const id = await insertOpenContact(t.ctx.db, {
        unitHsaId: KRAMFORS,
        receivedAt: stockholm(day, "07:30"),
        serviceDay: day,
        deadline: stockholm(day, "17:00"),
      });
      await sweepAt(stockholm(day, "15:59:59"));
      expect(await contactState(id)).toEqual({ atRisk: null, missed: null });

      const first = await sweepAt(stockholm(day, "16:00"));
      expect(first.atRisk).toBeGreaterThanOrEqual(1);
      expect(await contactState(id)).toEqual({
        atRisk: new Date(stockholm(day, "16:00")).toISOString(),
        missed: null,
      });
      await sweepAt(stockholm(day, "16:30"));
      expect((await contactState(id)).atRisk).toBe(new Date(stockholm(day, "16:00")).toISOString());

      await sweepAt(stockholm(day, "16:59:59"));
      expect((await contactState(id)).missed).toBeNull();
      await sweepAt(stockholm(day, "17:00"));
      expect((await contactState(id)).missed).toBe(new Date(stockholm(day, "17:00")).toISOString());

      const alerts = await t.ctx.db
        .selectFrom("staff_alerts")
        .select(["kind", "message", "suggested_unit_id"])
        .where("contact_id", "=", id)
        .orderBy("kind")
        .execute();
      expect(alerts.map((a) => a.kind)).toEqual(["at_risk", "missed"]);
      // The wall-clock time in the text is Stockholm's, on DST days too.
      expect(alerts[0]?.message).toContain("kl 17:00");
      expect(alerts[0]?.message).toContain("Regionalt stödteam (exempel)");
      expect(alerts[1]?.message).toContain("kl 17:00");
      const events = await t.ctx.db
        .selectFrom("contact_events")
        .select(["kind", "actor"])
        .where("contact_id", "=", id)
        .orderBy("id")
        .execute();
      expect(events).toEqual([
        { kind: "at_risk", actor: "system:deadline-sweep" },
        { kind: "missed", actor: "system:deadline-sweep" },
      ]);
    },
  );

  it("leaves answered and closed contacts alone, and records a late-found one straight as missed", async () => {
    const day = "2026-03-03";
    const answered = await insertOpenContact(t.ctx.db, {
      unitHsaId: KRAMFORS,
      receivedAt: stockholm(day, "08:00"),
      serviceDay: day,
      deadline: stockholm(day, "17:00"),
      respondedAt: stockholm(day, "09:00"),
    });
    const closed = await insertOpenContact(t.ctx.db, {
      unitHsaId: KRAMFORS,
      receivedAt: stockholm(day, "08:00"),
      serviceDay: day,
      deadline: stockholm(day, "17:00"),
      respondedAt: stockholm(day, "09:00"),
      status: "closed",
    });
    const forgotten = await insertOpenContact(t.ctx.db, {
      unitHsaId: RAMSELE,
      receivedAt: stockholm(day, "08:00"),
      serviceDay: day,
      deadline: stockholm(day, "16:00"),
    });
    // The server was down all afternoon: the first sweep after 16:00 finds the contact already past its deadline.
    await sweepAt(stockholm(day, "18:10"));
    expect(await contactState(answered)).toEqual({ atRisk: null, missed: null });
    expect(await contactState(closed)).toEqual({ atRisk: null, missed: null });
    expect(await contactState(forgotten)).toEqual({
      atRisk: null,
      missed: new Date(stockholm(day, "18:10")).toISOString(),
    });
  });

  it("keeps the statistics rollups in step (the sweep changes no counted fact)", async () => {
    const rollup = await t.ctx.db
      .selectFrom("stats_unit_day")
      .select(["contacts"])
      .where("day", "=", "2026-03-02")
      .execute();
    expect(rollup.reduce((sum, r) => sum + Number(r.contacts), 0)).toBe(1);
  });
});

describe("GET /api/alerts and POST /api/alerts/:id/ack", () => {
  async function get(username: string, url = "/api/alerts?status=all") {
    const session = await loginAs(t.app, username);
    return t.app.inject({ method: "GET", url, headers: { cookie: session.cookie } });
  }

  it("shows a unit manager the alerts of their units only, a region admin the region's", async () => {
    clock.set("2026-03-03T18:00:00Z");
    const kramfors = await get("chef.kramfors");
    expect(kramfors.statusCode).toBe(200);
    const kramforsAlerts = kramfors.json().alerts as { unit: { hsaId: string }; suggestedBackup: unknown }[];
    expect(kramforsAlerts.length).toBe(6);
    expect(new Set(kramforsAlerts.map((a) => a.unit.hsaId))).toEqual(new Set([KRAMFORS]));
    expect(kramforsAlerts[0]?.suggestedBackup).toEqual({
      hsaId: BACKUP,
      name: "Regionalt stödteam (exempel)",
    });

    const ramsele = (await get("chef.ramsele")).json().alerts as { unit: { hsaId: string } }[];
    expect(ramsele.map((a) => a.unit.hsaId)).toEqual([RAMSELE]);
    expect((await get("admin.22")).json().alerts).toHaveLength(7);
    expect((await get("admin.24")).json().alerts).toHaveLength(0);
    expect((await get("admin.22", `/api/alerts?status=all&unit=${RAMSELE}`)).json().alerts).toHaveLength(1);
    expect((await get("chef.ramsele", `/api/alerts?unit=${KRAMFORS}`)).statusCode).toBe(403);
  });

  it("refuses staff and committee members", async () => {
    expect((await get("nurse.kramfors")).json().error.code).toBe("forbidden");
    expect((await get("utskott.22")).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/alerts" })).statusCode).toBe(401);
  });

  it("audits reading alerts", async () => {
    const before = await t.ctx.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "alerts.read")
      .execute();
    await get("chef.kramfors");
    const after = await t.ctx.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "alerts.read")
      .execute();
    expect(after.length).toBe(before.length + 1);
  });

  it("lets a manager of the unit acknowledge an alert; other units' managers cannot see it", async () => {
    const [alert] = (await get("chef.ramsele")).json().alerts as {
      id: string;
      acknowledgedAt: string | null;
    }[];
    expect(alert?.acknowledgedAt).toBeNull();
    const other = await loginAs(t.app, "chef.kramfors");
    const refused = await t.app.inject({
      method: "POST",
      url: `/api/alerts/${alert?.id}/ack`,
      headers: { cookie: other.cookie, "x-csrf-token": other.csrfToken },
    });
    expect(refused.statusCode).toBe(404);
    const own = await loginAs(t.app, "chef.ramsele");
    const acked = await t.app.inject({
      method: "POST",
      url: `/api/alerts/${alert?.id}/ack`,
      headers: { cookie: own.cookie, "x-csrf-token": own.csrfToken },
    });
    expect(acked.statusCode).toBe(200);
    expect(acked.json()).toEqual({ id: alert?.id, acknowledgedAt: "2026-03-03T18:00:00.000Z" });
    expect((await get("chef.ramsele", "/api/alerts")).json().alerts).toHaveLength(0);
    const listed = (await get("chef.ramsele")).json().alerts as { acknowledgedBy: string }[];
    expect(listed[0]?.acknowledgedBy).toBe("chef.ramsele");
    const audit = await t.ctx.db
      .selectFrom("audit_log")
      .select(["actor_username", "entity_id"])
      .where("action", "=", "alerts.acknowledge")
      .execute();
    expect(audit).toEqual([{ actor_username: "chef.ramsele", entity_id: alert?.id }]);
  });
});
