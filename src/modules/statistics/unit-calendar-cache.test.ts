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
