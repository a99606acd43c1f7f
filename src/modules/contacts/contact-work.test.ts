import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { UnitRow } from "../../db/schema.ts";
import { callbackSlots, type UnitCalendar } from "../../domain/calendar/index.ts";
import { healthCentre, sundayNightLine } from "../../domain/calendar/test-fixtures.ts";
import { scheduleContact } from "../../domain/contacts/intake-plan.ts";
import { residentLink, unitSchedule, unitSlotsOn } from "./contact-work.ts";

// The intake memoises schedules and slots per unit and day; they must equal the domain functions' answers
// for every instant, including the daylight-saving days.
function unitOf(id: number, cal: UnitCalendar): UnitRow {
  return {
    id,
    region_code: "22",
    hsa_id: `SE-TEST-${id}`,
    name: "Test",
    type: "halsocentral",
    ownership: "regional",
    provider_id: 1,
    kommun_code: "2281",
    lat: 62,
    lon: 17,
    phone_hours: cal.phoneHours as UnitRow["phone_hours"],
    opening_hours: cal.openingHours as UnitRow["opening_hours"],
    closed_dates: [...cal.closedDates],
    open_dates: [...cal.openDates],
    callback_slot_minutes: 15,
    callback_calls_per_slot: 2,
    created_at: new Date(0),
    updated_at: new Date(0),
  };
}

const units = [unitOf(1, healthCentre), unitOf(2, sundayNightLine)];
const cals = [healthCentre, sundayNightLine];
// 2026-03-27 … 2026-04-01 and 2026-10-23 … 2026-10-28: both daylight-saving weekends.
const instantArb = fc
  .oneof(
    fc.integer({ min: Date.UTC(2026, 2, 27), max: Date.UTC(2026, 3, 1) }),
    fc.integer({ min: Date.UTC(2026, 9, 23), max: Date.UTC(2026, 9, 28) }),
  )
  .map((ms) => Temporal.Instant.fromEpochMilliseconds(ms - (ms % 60_000)));

describe("memoised schedule and slots", () => {
  it("unitSchedule equals scheduleContact for any instant and channel", () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.integer({ min: 0, max: 1 }),
        fc.constantFrom("phone", "digital", "visit") as fc.Arbitrary<"phone" | "digital" | "visit">,
        (at, which, channel) => {
          const memo = unitSchedule(units[which] as UnitRow, at, channel);
          const direct = scheduleContact(at, cals[which] as UnitCalendar, channel);
          expect(
            memo === null
              ? null
              : {
                  ...memo,
                  receiptDate: memo.receiptDate.toString(),
                  serviceDay: memo.serviceDay.toString(),
                  deadline: memo.deadline.toString(),
                },
          ).toEqual(
            direct === null
              ? null
              : {
                  ...direct,
                  receiptDate: direct.receiptDate.toString(),
                  serviceDay: direct.serviceDay.toString(),
                  deadline: direct.deadline.toString(),
                },
          );
        },
      ),
      { numRuns: 600 },
    );
  });

  it("unitSlotsOn equals callbackSlots, and changed hours or slot length are recomputed", () => {
    const day = Temporal.PlainDate.from("2026-03-29");
    const night = unitOf(3, sundayNightLine);
    expect(unitSlotsOn(night, day).map((s) => s.start.toString())).toEqual(
      callbackSlots(day, sundayNightLine, 15).map((s) => s.start.toString()),
    );
    const longer = { ...night, callback_slot_minutes: 60 };
    expect(unitSlotsOn(longer, day)).toHaveLength(callbackSlots(day, sundayNightLine, 60).length);
    const closed = { ...night, closed_dates: ["2026-03-29"] };
    expect(unitSlotsOn(closed, day)).toEqual([]);
  });
});

describe("residentLink", () => {
  it.each([
    [undefined, "/kontakt/status/abc", "/kontakt/status/abc"],
    ["https://vardnav.example.se", "/kontakt/status/abc", "https://vardnav.example.se/kontakt/status/abc"],
    ["https://example.se/vardnav/", "/kontakt/status/abc", "https://example.se/kontakt/status/abc"],
  ])("base %s + %s → %s", (base, path, expected) => {
    expect(residentLink(base, path)).toBe(expected);
  });
});
