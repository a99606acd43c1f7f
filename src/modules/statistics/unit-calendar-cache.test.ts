import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { isInHours, serviceDayOf, stockholmDateOf } from "../../domain/calendar/index.ts";
import { healthCentre, sundayFromTwo, sundayNightLine } from "../../domain/calendar/test-fixtures.ts";
import { stockholmDateHour, UnitCalendarCache } from "./unit-calendar-cache.ts";

// The import's per-day cache must place every contact exactly as the calendar module does.
const calendars = [healthCentre, sundayNightLine, sundayFromTwo];
const cache = new UnitCalendarCache(calendars.map((c, i) => [i, c]));
// 2026 around both DST changes, holidays (Easter, Christmas) and ordinary weeks.
const FROM = Temporal.Instant.from("2026-03-20T00:00:00Z").epochMilliseconds;
const TO = Temporal.Instant.from("2027-01-05T00:00:00Z").epochMilliseconds;

describe("UnitCalendarCache", () => {
  it("agrees with serviceDayOf and isInHours", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: calendars.length - 1 }),
        fc.constantFrom("phone", "digital", "visit") as fc.Arbitrary<"phone" | "digital" | "visit">,
        fc.integer({ min: FROM, max: TO }),
        (unit, channel, ms) => {
          const at = Temporal.Instant.fromEpochMilliseconds(ms);
          const calendar = calendars[unit] as (typeof calendars)[number];
          const kind = channel === "phone" ? "phone" : "opening";
          const placed = cache.place(unit, channel, ms);
          expect(placed.receiptDate).toBe(stockholmDateOf(at).toString());
          expect(placed.serviceDay).toBe(serviceDayOf(at, calendar, kind)?.toString() ?? null);
          expect(placed.inHours).toBe(isInHours(at, calendar, kind));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["2026-03-29T00:59:59Z", "2026-03-29", 1],
    ["2026-03-29T01:00:00Z", "2026-03-29", 3],
    ["2026-10-25T00:30:00Z", "2026-10-25", 2],
    ["2026-10-25T01:30:00Z", "2026-10-25", 2],
    ["2026-10-25T22:59:59Z", "2026-10-25", 23],
    ["2026-10-25T23:00:00Z", "2026-10-26", 0],
  ])("%s is %s hour %i in Stockholm", (iso, date, hour) => {
    expect(stockholmDateHour(Temporal.Instant.from(iso).epochMilliseconds)).toEqual({ date, hour });
  });
});

describe("UnitCalendarCache on the DST days", () => {
  // The per-hour Stockholm cache must be exact around the changes: every millisecond of the last Sundays
  // of March and October (and the hours around them), against the Temporal-based calendar.
  const dstDays = ["2025-03-30", "2025-10-26", "2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31"];
  it("places contacts on the DST Sundays as the calendar does", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...dstDays),
        fc.integer({ min: -6 * 3_600_000, max: 30 * 3_600_000 - 1 }),
        fc.integer({ min: 0, max: calendars.length - 1 }),
        fc.constantFrom("phone", "digital") as fc.Arbitrary<"phone" | "digital">,
        (day, offsetMs, unit, channel) => {
          const ms = Temporal.Instant.from(`${day}T00:00:00Z`).epochMilliseconds + offsetMs;
          // A fresh cache each time too, so the first instant of an hour is not always its start.
          const fresh = new UnitCalendarCache(calendars.map((c, i) => [i, c]));
          const at = Temporal.Instant.fromEpochMilliseconds(ms);
          const calendar = calendars[unit] as (typeof calendars)[number];
          const kind = channel === "phone" ? "phone" : "opening";
          for (const placed of [cache.place(unit, channel, ms), fresh.place(unit, channel, ms)]) {
            const local = at.toZonedDateTimeISO("Europe/Stockholm");
            expect(placed.receiptDate).toBe(local.toPlainDate().toString());
            expect(placed.hour).toBe(local.hour);
            expect(placed.serviceDay).toBe(serviceDayOf(at, calendar, kind)?.toString() ?? null);
            expect(placed.inHours).toBe(isInHours(at, calendar, kind));
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});
