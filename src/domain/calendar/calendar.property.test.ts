import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { stockholmDateOf } from "./dates.ts";
import { deadlineOf, isInHours, isOpenDay, nextOpenMoment, serviceDayOf, windowsOn } from "./hours.ts";
import { callbackSlots } from "./slots.ts";
import type { HoursKind, HoursWindow, UnitCalendar, Weekday, WeeklyHours } from "./types.ts";

const pad = (n: number): string => String(n).padStart(2, "0");
const wallTime = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

// Quarter-hour windows anywhere in the day, including the 02:00–03:00 hour that daylight saving skips or repeats.
const windowArb: fc.Arbitrary<HoursWindow> = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 }))
  .filter(([a, b]) => a < b)
  .map(([a, b]) => [wallTime(a * 15), wallTime(b * 15)] as const);

const weekdays: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const weeklyArb: fc.Arbitrary<WeeklyHours> = fc
  .tuple(...weekdays.map(() => fc.array(windowArb, { maxLength: 2 })))
  .map((perDay) => Object.fromEntries(weekdays.map((day, i) => [day, perDay[i] ?? []])));

const isoDateArb = fc
  .integer({ min: 0, max: 500 })
  .map((offset) => Temporal.PlainDate.from("2025-12-01").add({ days: offset }).toString());

const calendarArb: fc.Arbitrary<UnitCalendar> = fc.record({
  phoneHours: weeklyArb,
  openingHours: weeklyArb,
  closedDates: fc.array(isoDateArb, { maxLength: 20 }),
  openDates: fc.array(isoDateArb, { maxLength: 5 }),
});

const ms = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;
// Uniform over 2026, plus a bias towards the two daylight-saving Sundays and the holidays around new year.
const instantArb: fc.Arbitrary<Temporal.Instant> = fc
  .oneof(
    fc.integer({ min: ms("2025-12-20T00:00:00Z"), max: ms("2027-01-10T00:00:00Z") }),
    fc.integer({ min: ms("2026-03-28T20:00:00Z"), max: ms("2026-03-29T06:00:00Z") }),
    fc.integer({ min: ms("2026-10-24T20:00:00Z"), max: ms("2026-10-25T06:00:00Z") }),
    fc.integer({ min: ms("2026-12-23T00:00:00Z"), max: ms("2027-01-02T00:00:00Z") }),
  )
  .map((epochMs) => Temporal.Instant.fromEpochMilliseconds(epochMs));

const kindArb: fc.Arbitrary<HoursKind> = fc.constantFrom("phone", "opening");

describe("calendar properties", () => {
  it("the service day is never before the receipt date and is always an open day", () => {
    fc.assert(
      fc.property(calendarArb, instantArb, kindArb, (cal, at, kind) => {
        const serviceDay = serviceDayOf(at, cal, kind);
        const nextOpen = nextOpenMoment(at, cal, kind);
        const deadline = deadlineOf(at, cal, kind);
        // Never open within the search horizon: all three agree.
        expect(serviceDay === null).toBe(nextOpen === null);
        expect(serviceDay === null).toBe(deadline === null);
        if (serviceDay === null || nextOpen === null || deadline === null) return;

        expect(Temporal.PlainDate.compare(serviceDay, stockholmDateOf(at))).toBeGreaterThanOrEqual(0);
        expect(isOpenDay(serviceDay, cal, kind)).toBe(true);
        if (isInHours(at, cal, kind)) expect(serviceDay.equals(stockholmDateOf(at))).toBe(true);

        expect(Temporal.Instant.compare(nextOpen, at)).toBeGreaterThanOrEqual(0);
        expect(isInHours(nextOpen, cal, kind)).toBe(true);
        expect(stockholmDateOf(nextOpen).equals(serviceDay)).toBe(true);

        expect(Temporal.Instant.compare(deadline, at)).toBeGreaterThan(0);
        expect(Temporal.Instant.compare(deadline, nextOpen)).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("callback slots tile each phone window from its start, every slot full length except a window's last", () => {
    fc.assert(
      fc.property(calendarArb, isoDateArb, fc.integer({ min: 1, max: 120 }), (cal, iso, slotMinutes) => {
        const day = Temporal.PlainDate.from(iso);
        const slots = callbackSlots(day, cal, slotMinutes);
        const slotMs = slotMinutes * 60_000;
        let next = 0;
        for (const window of windowsOn(day, cal, "phone")) {
          let cursor = window.start.epochMilliseconds;
          while (cursor < window.end.epochMilliseconds) {
            const slot = slots[next++];
            expect(slot?.start.epochMilliseconds).toBe(cursor);
            expect(slot?.end.epochMilliseconds).toBe(Math.min(cursor + slotMs, window.end.epochMilliseconds));
            cursor += slotMs;
          }
        }
        expect(slots).toHaveLength(next);
      }),
      { numRuns: 200 },
    );
  });
});
