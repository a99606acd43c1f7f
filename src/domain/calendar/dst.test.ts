// Sunday 2026-03-29: clocks go from 02:00 CET (+01:00) to 03:00 CEST (+02:00); 02:00–02:59 does not exist.
// Sunday 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET; 02:00–02:59 happens twice.
import type { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { formatStockholmTime } from "./dates.ts";
import { deadlineOf, isInHours, nextOpenMoment, serviceDayOf, windowsOn } from "./hours.ts";
import { callbackSlots } from "./slots.ts";
import { date, healthCentre, instant, sundayFromTwo, sundayNightLine } from "./test-fixtures.ts";
import type { UnitCalendar } from "./types.ts";

const minutes = (start: Temporal.Instant, end: Temporal.Instant): number =>
  (end.epochMilliseconds - start.epochMilliseconds) / 60_000;

describe("window lengths on daylight-saving days", () => {
  it.each([
    // [calendar, date, kind, expected windows in UTC, elapsed minutes]
    [
      sundayNightLine,
      "2026-03-29",
      "phone",
      [
        ["2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z"],
        ["2026-03-29T06:00:00Z", "2026-03-29T14:00:00Z"],
      ],
      [120, 480],
    ],
    [
      sundayNightLine,
      "2026-10-25",
      "phone",
      [
        ["2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z"],
        ["2026-10-25T07:00:00Z", "2026-10-25T15:00:00Z"],
      ],
      [240, 480],
    ],
    [sundayNightLine, "2026-03-29", "opening", [["2026-03-28T23:00:00Z", "2026-03-29T16:00:00Z"]], [1020]],
    [sundayNightLine, "2026-10-25", "opening", [["2026-10-24T22:00:00Z", "2026-10-25T17:00:00Z"]], [1140]],
    // 02:00 does not exist in spring: "compatible" moves it to 03:00 CEST.
    [sundayFromTwo, "2026-03-29", "phone", [["2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"]], [60]],
    // 02:00 happens twice in autumn: "compatible" takes the first, 02:00 CEST.
    [sundayFromTwo, "2026-10-25", "phone", [["2026-10-25T00:00:00Z", "2026-10-25T03:00:00Z"]], [180]],
    [sundayFromTwo, "2026-03-22", "phone", [["2026-03-22T01:00:00Z", "2026-03-22T03:00:00Z"]], [120]],
  ] as const)("%#: %s %s", (cal, iso, kind, expected, lengths) => {
    const windows = windowsOn(date(iso), cal, kind);
    expect(windows.map((w) => [w.start.toString(), w.end.toString()])).toEqual(expected);
    expect(windows.map((w) => minutes(w.start, w.end))).toEqual(lengths);
  });

  it.each([
    [["02:00", "03:00"], "2026-03-29", []], // entirely inside the missing hour: empty, dropped
    [["02:30", "03:30"], "2026-03-29", []], // both ends resolve to 03:30 CEST
    [["02:30", "05:00"], "2026-03-29", [["2026-03-29T01:30:00Z", "2026-03-29T03:00:00Z"]]],
    [["02:30", "03:30"], "2026-10-25", [["2026-10-25T00:30:00Z", "2026-10-25T02:30:00Z"]]], // 02:30 CEST–03:30 CET
  ] as const)("the window %j on %s", (window, iso, expected) => {
    const cal: UnitCalendar = {
      phoneHours: { sun: [window] },
      openingHours: {},
      closedDates: [],
      openDates: [],
    };
    expect(windowsOn(date(iso), cal, "phone").map((w) => [w.start.toString(), w.end.toString()])).toEqual(
      expected,
    );
  });
});

// [calendar, arrival as UTC (Stockholm wall time in the comment), in hours, service day, deadline (UTC), next open moment (UTC)]
// biome-ignore format: one case per line keeps the hand-derived table checkable by eye
const arrivals: [string, UnitCalendar, string, boolean, string, string, string][] = [
  // Spring forward. The night line's phone window is 00:00Z–02:00Z, opening until 16:00Z (18:00 CEST).
  ["01:59 CET", sundayNightLine, "2026-03-29T00:59:00Z", true, "2026-03-29", "2026-03-29T16:00:00Z", "2026-03-29T00:59:00Z"],
  ["03:00 CEST, the first minute after the gap", sundayNightLine, "2026-03-29T01:00:00Z", true, "2026-03-29", "2026-03-29T16:00:00Z", "2026-03-29T01:00:00Z"],
  ["03:30 CEST (wall clock 02:30 never happens)", sundayNightLine, "2026-03-29T01:30:00Z", true, "2026-03-29", "2026-03-29T16:00:00Z", "2026-03-29T01:30:00Z"],
  ["04:00 CEST, end of the night window", sundayNightLine, "2026-03-29T02:00:00Z", false, "2026-03-29", "2026-03-29T16:00:00Z", "2026-03-29T06:00:00Z"],
  ["00:59 CET, before the night window", sundayNightLine, "2026-03-28T23:59:00Z", false, "2026-03-29", "2026-03-29T16:00:00Z", "2026-03-29T00:00:00Z"],
  // The window starting at nonexistent 02:00 opens at 03:00 CEST, one real minute after 01:59 CET.
  ["01:59 CET, window from 02:00", sundayFromTwo, "2026-03-29T00:59:00Z", false, "2026-03-29", "2026-03-29T02:00:00Z", "2026-03-29T01:00:00Z"],
  ["03:00 CEST, window from 02:00", sundayFromTwo, "2026-03-29T01:00:00Z", true, "2026-03-29", "2026-03-29T02:00:00Z", "2026-03-29T01:00:00Z"],
  // Next Sunday is påskdagen (closed), so the one after: 2026-04-12, 02:00 CEST = 00:00Z.
  ["04:00 CEST, window from 02:00 ended", sundayFromTwo, "2026-03-29T02:00:00Z", false, "2026-04-12", "2026-04-12T02:00:00Z", "2026-04-12T00:00:00Z"],
  // Fall back. The night line's phone window is 23:00Z (01:00 CEST) – 03:00Z (04:00 CET), opening until 17:00Z.
  ["01:59 CEST", sundayNightLine, "2026-10-24T23:59:00Z", true, "2026-10-25", "2026-10-25T17:00:00Z", "2026-10-24T23:59:00Z"],
  ["02:30 CEST, first pass", sundayNightLine, "2026-10-25T00:30:00Z", true, "2026-10-25", "2026-10-25T17:00:00Z", "2026-10-25T00:30:00Z"],
  ["02:30 CET, second pass", sundayNightLine, "2026-10-25T01:30:00Z", true, "2026-10-25", "2026-10-25T17:00:00Z", "2026-10-25T01:30:00Z"],
  ["03:00 CET", sundayNightLine, "2026-10-25T02:00:00Z", true, "2026-10-25", "2026-10-25T17:00:00Z", "2026-10-25T02:00:00Z"],
  ["04:00 CET, end of the night window", sundayNightLine, "2026-10-25T03:00:00Z", false, "2026-10-25", "2026-10-25T17:00:00Z", "2026-10-25T07:00:00Z"],
  ["01:59 CEST, window from 02:00 CEST", sundayFromTwo, "2026-10-24T23:59:00Z", false, "2026-10-25", "2026-10-25T03:00:00Z", "2026-10-25T00:00:00Z"],
  ["02:30 CET, window from 02:00 CEST", sundayFromTwo, "2026-10-25T01:30:00Z", true, "2026-10-25", "2026-10-25T03:00:00Z", "2026-10-25T01:30:00Z"],
  // A weekday unit: the DST Sundays are closed, Monday 08:00 local is served.
  ["01:59 CET at a weekday unit", healthCentre, "2026-03-29T00:59:00Z", false, "2026-03-30", "2026-03-30T15:00:00Z", "2026-03-30T06:00:00Z"],
  ["03:00 CEST at a weekday unit", healthCentre, "2026-03-29T01:00:00Z", false, "2026-03-30", "2026-03-30T15:00:00Z", "2026-03-30T06:00:00Z"],
  ["02:30 CET at a weekday unit", healthCentre, "2026-10-25T01:30:00Z", false, "2026-10-26", "2026-10-26T16:00:00Z", "2026-10-26T07:00:00Z"],
];

describe.each(arrivals)("arrival %s", (_name, cal, at, inHours, serviceDay, deadline, nextOpen) => {
  it("isInHours", () => expect(isInHours(instant(at), cal, "phone")).toBe(inHours));
  it("serviceDayOf", () => expect(serviceDayOf(instant(at), cal, "phone")?.toString()).toBe(serviceDay));
  it("deadlineOf", () => expect(deadlineOf(instant(at), cal, "phone")?.toString()).toBe(deadline));
  it("nextOpenMoment", () => expect(nextOpenMoment(instant(at), cal, "phone")?.toString()).toBe(nextOpen));
});

describe("callback slots across the change", () => {
  const wall = (slots: { start: Temporal.Instant; end: Temporal.Instant }[]): string[] =>
    slots.map((s) => `${formatStockholmTime(s.start)}–${formatStockholmTime(s.end)}`);
  const nightOnly: UnitCalendar = { ...sundayNightLine, phoneHours: { sun: [["01:00", "04:00"]] } };

  it("spring: 45-minute slots in 01:00–04:00 (2 real hours), the last one cut at the window end", () => {
    const slots = callbackSlots(date("2026-03-29"), nightOnly, 45);
    expect(slots.map((s) => [s.start.toString(), s.end.toString()])).toEqual([
      ["2026-03-29T00:00:00Z", "2026-03-29T00:45:00Z"],
      ["2026-03-29T00:45:00Z", "2026-03-29T01:30:00Z"],
      ["2026-03-29T01:30:00Z", "2026-03-29T02:00:00Z"],
    ]);
    expect(wall(slots)).toEqual(["01:00–01:45", "01:45–03:30", "03:30–04:00"]);
  });

  it("autumn: hour slots in 01:00–04:00 (4 real hours); 02:00 shows twice", () => {
    const slots = callbackSlots(date("2026-10-25"), nightOnly, 60);
    expect(slots.map((s) => [s.start.toString(), s.end.toString()])).toEqual([
      ["2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z"],
      ["2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z"],
      ["2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"],
      ["2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z"],
    ]);
    expect(wall(slots)).toEqual(["01:00–02:00", "02:00–02:00", "02:00–03:00", "03:00–04:00"]);
  });

  it.each([
    ["2026-03-29", 8 + 32], // 2 h + 8 h of 15 minutes
    ["2026-10-25", 16 + 32], // 4 h + 8 h
  ])("%s has %i quarter-hour slots at the night line", (iso, count) => {
    expect(callbackSlots(date(iso), sundayNightLine, 15)).toHaveLength(count);
  });
});
