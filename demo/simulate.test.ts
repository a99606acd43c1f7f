import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { parseIdentityNumber } from "../src/domain/identity/identity-number.ts";
import { generateDemoRegionFiles } from "./regions.ts";
import {
  hotUnitsOf,
  loadWeight,
  type PlannedContact,
  planArrivals,
  residentUnits,
  type SimUnit,
} from "./simulate.ts";

const [region22] = generateDemoRegionFiles();
const units: SimUnit[] = (region22?.units ?? []).map((u) => ({ hsaId: u.hsaId, type: u.type }));
const stockholm = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime("Europe/Stockholm").toInstant();

function serialise(plan: PlannedContact[]) {
  return plan.map((p) => ({ ...p, at: p.at.toString() }));
}

describe("planArrivals", () => {
  const monday = { from: stockholm("2026-03-02T00:00"), to: stockholm("2026-03-03T00:00") };

  it("is deterministic for a seed and differs between seeds", () => {
    const a = planArrivals({ seed: "s1", units, ratePerMinute: 1, ...monday });
    const b = planArrivals({ seed: "s1", units, ratePerMinute: 1, ...monday });
    const c = planArrivals({ seed: "s2", units, ratePerMinute: 1, ...monday });
    expect(a.length).toBeGreaterThan(100);
    expect(serialise(b)).toEqual(serialise(a));
    expect(serialise(c)).not.toEqual(serialise(a));
  });

  it("plans a window the same whether in one piece or split (a restart continues the same day)", () => {
    const whole = planArrivals({ seed: "s1", units, ratePerMinute: 1, ...monday });
    const mid = stockholm("2026-03-02T10:37:12");
    const first = planArrivals({ seed: "s1", units, ratePerMinute: 1, from: monday.from, to: mid });
    const second = planArrivals({ seed: "s1", units, ratePerMinute: 1, from: mid, to: monday.to });
    expect(serialise([...first, ...second])).toEqual(serialise(whole));
  });

  it("follows the weekday and hour pattern at about the requested rate", () => {
    const plan = planArrivals({ seed: "s1", units, ratePerMinute: 1, ...monday });
    const inHour = (h: number) =>
      plan.filter((p) => p.at.toZonedDateTimeISO("Europe/Stockholm").hour === h).length;
    expect(inHour(8)).toBeGreaterThan(inHour(12));
    expect(inHour(12)).toBeGreaterThan(inHour(22));
    expect(inHour(3)).toBeLessThan(10);
    let expected = 0;
    for (let m = 0; m < 24 * 60; m++) expected += loadWeight(monday.from.add({ minutes: m }));
    expect(plan.length).toBeGreaterThan(expected * 0.9);
    expect(plan.length).toBeLessThan(expected * 1.1);
    const sunday = planArrivals({
      seed: "s1",
      units,
      ratePerMinute: 1,
      from: stockholm("2026-03-08T00:00"),
      to: stockholm("2026-03-09T00:00"),
    });
    expect(sunday.length).toBeLessThan(plan.length / 3);
  });

  it("concentrates load on the hot units, never on the backup team", () => {
    const hot = hotUnitsOf(units, "s1");
    expect(hot.length).toBeGreaterThanOrEqual(1);
    const plan = planArrivals({ seed: "s1", units, ratePerMinute: 2, ...monday });
    const perUnit = new Map<string, number>();
    for (const p of plan) perUnit.set(p.unitHsaId, (perUnit.get(p.unitHsaId) ?? 0) + 1);
    const ordinary = residentUnits(units).filter((u) => !hot.includes(u.hsaId));
    const meanOrdinary = ordinary.reduce((sum, u) => sum + (perUnit.get(u.hsaId) ?? 0), 0) / ordinary.length;
    for (const hsaId of hot) expect(perUnit.get(hsaId) ?? 0).toBeGreaterThan(meanOrdinary * 4);
    const backup = units.filter((u) => u.type === "backup").map((u) => u.hsaId);
    expect(backup.length).toBe(1);
    expect(plan.some((p) => backup.includes(p.unitHsaId))).toBe(false);
  });

  it("uses only test identity numbers and fictional phone numbers", () => {
    const plan = planArrivals({ seed: "s1", units, ratePerMinute: 1, ...monday });
    const today = Temporal.PlainDate.from("2026-03-02");
    for (const p of plan) {
      expect(parseIdentityNumber(p.identityNumber, today).ok).toBe(true);
      expect(p.phone).toMatch(/^070-1740\d{3}$/);
      expect(p.description.length).toBeGreaterThan(5);
    }
    const kinds = new Set(plan.map((p) => p.source));
    expect(kinds).toEqual(new Set(["web", "telephony", "staff"]));
    expect(new Set(plan.map((p) => p.key)).size).toBe(plan.length);
  });
});
