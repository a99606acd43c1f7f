import type { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import {
  deadlineOf,
  hoursKindForChannel,
  isCalendarClosed,
  isInHours,
  isOpenDay,
  nextOpenDay,
  nextOpenMoment,
  serviceDayOf,
  windowsOn,
} from "./hours.ts";
import { date, healthCentre, instant, neverOpen } from "./test-fixtures.ts";
import type { HoursKind, TimeSpan, UnitCalendar } from "./types.ts";

const asIso = (value: Temporal.Instant | null): string | null => value?.toString() ?? null;
const expectedIso = (local: string | null): string | null =>
  local === null ? null : instant(local).toString();
const spans = (list: readonly TimeSpan[]): string[][] =>
  list.map((s) => [s.start.toString(), s.end.toString()]);

describe("hoursKindForChannel", () => {
  it.each([
    ["phone", "phone"],
    ["digital", "opening"],
    ["visit", "opening"],
    ["letter", "opening"],
  ] as const)("%s uses %s hours", (channel, kind) => {
    expect(hoursKindForChannel(channel)).toBe(kind);
  });
});

describe("isCalendarClosed", () => {
  const overrides: UnitCalendar = {
    ...healthCentre,
    closedDates: ["2026-03-25", "2026-06-19"],
    openDates: ["2026-12-24", "2026-06-19", "2026-06-06"],
  };
  it.each([
    ["2026-01-01", healthCentre, true, "nyårsdagen"],
    ["2026-01-06", healthCentre, true, "trettondedag jul"],
    ["2026-04-03", healthCentre, true, "långfredagen"],
    ["2026-04-05", healthCentre, true, "påskdagen"],
    ["2026-04-06", healthCentre, true, "annandag påsk"],
    ["2026-05-01", healthCentre, true, "första maj"],
    ["2026-05-14", healthCentre, true, "Kristi himmelsfärdsdag"],
    ["2026-06-06", healthCentre, true, "nationaldagen"],
    ["2026-06-19", healthCentre, true, "midsommarafton"],
    ["2026-12-24", healthCentre, true, "julafton"],
    ["2026-12-25", healthCentre, true, "juldagen"],
    ["2026-12-26", healthCentre, true, "annandag jul"],
    ["2026-12-31", healthCentre, true, "nyårsafton"],
    ["2027-01-01", healthCentre, true, "nyårsdagen 2027"],
    ["2026-03-25", healthCentre, false, "an ordinary Wednesday"],
    ["2026-03-28", healthCentre, false, "an ordinary Saturday (weekly hours decide weekends)"],
    ["2026-03-25", overrides, true, "closedDates on an ordinary day"],
    ["2026-12-24", overrides, false, "openDates on julafton"],
    ["2026-06-19", overrides, true, "closedDates wins over openDates"],
  ])("%s → %s (%s)", (iso, cal, expected) => {
    expect(isCalendarClosed(date(iso), cal)).toBe(expected);
  });
});

describe("windowsOn and isOpenDay", () => {
  it.each([
    [
      "2026-03-27",
      "phone",
      [
        ["2026-03-27T07:00:00Z", "2026-03-27T11:00:00Z"],
        ["2026-03-27T12:00:00Z", "2026-03-27T15:30:00Z"],
      ],
    ],
    ["2026-03-27", "opening", [["2026-03-27T07:00:00Z", "2026-03-27T16:00:00Z"]]],
    [
      "2026-03-30", // first Monday of CEST
      "phone",
      [
        ["2026-03-30T06:00:00Z", "2026-03-30T10:00:00Z"],
        ["2026-03-30T11:00:00Z", "2026-03-30T14:30:00Z"],
      ],
    ],
    ["2026-03-28", "phone", []], // Saturday
    ["2026-12-24", "phone", []], // julafton
    ["2026-12-24", "opening", []],
  ] as const)("%s %s", (iso, kind, expected) => {
    expect(spans(windowsOn(date(iso), healthCentre, kind))).toEqual(expected);
    expect(isOpenDay(date(iso), healthCentre, kind)).toBe(expected.length > 0);
  });

  it("sorts windows given out of order", () => {
    const cal: UnitCalendar = {
      ...healthCentre,
      phoneHours: {
        mon: [
          ["13:00", "16:30"],
          ["08:00", "12:00"],
        ],
      },
    };
    expect(spans(windowsOn(date("2026-03-30"), cal, "phone"))).toEqual([
      ["2026-03-30T06:00:00Z", "2026-03-30T10:00:00Z"],
      ["2026-03-30T11:00:00Z", "2026-03-30T14:30:00Z"],
    ]);
  });

  it("accepts 24:00 as the end of the day", () => {
    const cal: UnitCalendar = { ...neverOpen, phoneHours: { mon: [["20:00", "24:00"]] } };
    expect(spans(windowsOn(date("2026-03-30"), cal, "phone"))).toEqual([
      ["2026-03-30T18:00:00Z", "2026-03-30T22:00:00Z"],
    ]);
  });

  it.each([[["8:00", "12:00"]], [["08:00", "25:00"]], [["24:00", "24:00"]]] as const)(
    "rejects the malformed window %j",
    (window) => {
      const cal: UnitCalendar = { ...neverOpen, phoneHours: { mon: [window] } };
      expect(() => windowsOn(date("2026-03-30"), cal, "phone")).toThrow(AppError);
    },
  );

  it("a unit that publishes Sunday hours is open on an ordinary Sunday but not on påskdagen or pingstdagen", () => {
    const cal: UnitCalendar = { ...neverOpen, phoneHours: { sun: [["10:00", "14:00"]] } };
    expect(isOpenDay(date("2026-03-22"), cal, "phone")).toBe(true);
    expect(isOpenDay(date("2026-04-05"), cal, "phone")).toBe(false);
    expect(isOpenDay(date("2026-05-24"), cal, "phone")).toBe(false);
  });

  it("openDates on a holiday without weekly hours that weekday does not open the unit", () => {
    const cal: UnitCalendar = { ...healthCentre, openDates: ["2026-06-06"] }; // nationaldagen, a Saturday
    expect(isOpenDay(date("2026-06-06"), cal, "phone")).toBe(false);
  });
});

const closedThursday: UnitCalendar = { ...healthCentre, closedDates: ["2026-03-26"] };
const openOnJulafton: UnitCalendar = { ...healthCentre, openDates: ["2026-12-24"] };
const overriddenJulafton: UnitCalendar = {
  ...healthCentre,
  closedDates: ["2026-12-24"],
  openDates: ["2026-12-24"],
};

// [case, calendar, kind, arrival (Stockholm local with offset), in hours, service day, deadline]
// Winter time is +01:00 until 2026-03-29, summer time +02:00 until 2026-10-25.
// biome-ignore format: one case per line keeps the hand-derived table checkable by eye
const serviceCases: [string, UnitCalendar, HoursKind, string, boolean, string | null, string | null][] = [
  ["early morning", healthCentre, "phone", "2026-03-25T06:30+01:00", false, "2026-03-25", "2026-03-25T17:00+01:00"],
  ["exactly at window start", healthCentre, "phone", "2026-03-25T08:00+01:00", true, "2026-03-25", "2026-03-25T17:00+01:00"],
  ["inside the morning window", healthCentre, "phone", "2026-03-25T11:59+01:00", true, "2026-03-25", "2026-03-25T17:00+01:00"],
  ["exactly at the end of the morning window", healthCentre, "phone", "2026-03-25T12:00+01:00", false, "2026-03-25", "2026-03-25T17:00+01:00"],
  ["lunch break", healthCentre, "phone", "2026-03-25T12:30+01:00", false, "2026-03-25", "2026-03-25T17:00+01:00"],
  ["exactly at the afternoon start", healthCentre, "phone", "2026-03-25T13:00+01:00", true, "2026-03-25", "2026-03-25T17:00+01:00"],
  ["one minute before the last end", healthCentre, "phone", "2026-03-25T16:29+01:00", true, "2026-03-25", "2026-03-25T17:00+01:00"],
  ["exactly at the last end (phone)", healthCentre, "phone", "2026-03-25T16:30+01:00", false, "2026-03-26", "2026-03-26T17:00+01:00"],
  ["after phone hours but before closing (phone)", healthCentre, "phone", "2026-03-25T16:45+01:00", false, "2026-03-26", "2026-03-26T17:00+01:00"],
  ["after phone hours but before closing (opening)", healthCentre, "opening", "2026-03-25T16:45+01:00", true, "2026-03-25", "2026-03-25T17:00+01:00"],
  ["exactly at closing (opening)", healthCentre, "opening", "2026-03-25T17:00+01:00", false, "2026-03-26", "2026-03-26T17:00+01:00"],
  ["23:59", healthCentre, "phone", "2026-03-25T23:59+01:00", false, "2026-03-26", "2026-03-26T17:00+01:00"],
  ["00:00", healthCentre, "phone", "2026-03-26T00:00+01:00", false, "2026-03-26", "2026-03-26T17:00+01:00"],
  ["Friday evening → Monday (across spring forward)", healthCentre, "phone", "2026-03-27T18:00+01:00", false, "2026-03-30", "2026-03-30T17:00+02:00"],
  ["Saturday", healthCentre, "phone", "2026-03-28T10:00+01:00", false, "2026-03-30", "2026-03-30T17:00+02:00"],
  ["Saturday, digital", healthCentre, "opening", "2026-03-28T10:00+01:00", false, "2026-03-30", "2026-03-30T17:00+02:00"],
  ["Sunday 23:59", healthCentre, "phone", "2026-03-29T23:59+02:00", false, "2026-03-30", "2026-03-30T17:00+02:00"],
  ["Monday 00:00", healthCentre, "phone", "2026-03-30T00:00+02:00", false, "2026-03-30", "2026-03-30T17:00+02:00"],
  ["on trettondedag jul", healthCentre, "phone", "2026-01-06T10:00+01:00", false, "2026-01-07", "2026-01-07T17:00+01:00"],
  ["skärtorsdag evening → past påsk", healthCentre, "phone", "2026-04-02T17:00+02:00", false, "2026-04-07", "2026-04-07T17:00+02:00"],
  ["on långfredagen", healthCentre, "opening", "2026-04-03T09:00+02:00", false, "2026-04-07", "2026-04-07T17:00+02:00"],
  ["on annandag påsk", healthCentre, "phone", "2026-04-06T09:00+02:00", false, "2026-04-07", "2026-04-07T17:00+02:00"],
  ["day before första maj", healthCentre, "phone", "2026-04-30T16:30+02:00", false, "2026-05-04", "2026-05-04T17:00+02:00"],
  ["day before Kristi himmelsfärd", healthCentre, "phone", "2026-05-13T17:00+02:00", false, "2026-05-15", "2026-05-15T17:00+02:00"],
  ["on nationaldagen", healthCentre, "phone", "2026-06-06T10:00+02:00", false, "2026-06-08", "2026-06-08T17:00+02:00"],
  ["day before midsommarafton", healthCentre, "phone", "2026-06-18T20:00+02:00", false, "2026-06-22", "2026-06-22T17:00+02:00"],
  ["day before julafton", healthCentre, "phone", "2026-12-23T16:30+01:00", false, "2026-12-28", "2026-12-28T17:00+01:00"],
  ["julafton morning", healthCentre, "phone", "2026-12-24T09:00+01:00", false, "2026-12-28", "2026-12-28T17:00+01:00"],
  ["day before nyårsafton → past nyårsdagen", healthCentre, "phone", "2026-12-30T18:00+01:00", false, "2027-01-04", "2027-01-04T17:00+01:00"],
  ["closedDates skips a Thursday", closedThursday, "phone", "2026-03-25T23:00+01:00", false, "2026-03-27", "2026-03-27T17:00+01:00"],
  ["openDates opens julafton", openOnJulafton, "phone", "2026-12-23T17:00+01:00", false, "2026-12-24", "2026-12-24T17:00+01:00"],
  ["in hours on an opened julafton", openOnJulafton, "phone", "2026-12-24T09:00+01:00", true, "2026-12-24", "2026-12-24T17:00+01:00"],
  ["closedDates wins over openDates", overriddenJulafton, "phone", "2026-12-23T17:00+01:00", false, "2026-12-28", "2026-12-28T17:00+01:00"],
  ["never open", neverOpen, "phone", "2026-03-25T10:00+01:00", false, null, null],
];

describe.each(serviceCases)("%s", (_name, cal, kind, arrival, inHours, serviceDay, deadline) => {
  it("isInHours", () => {
    expect(isInHours(instant(arrival), cal, kind)).toBe(inHours);
  });
  it("serviceDayOf", () => {
    expect(serviceDayOf(instant(arrival), cal, kind)?.toString() ?? null).toBe(serviceDay);
  });
  it("deadlineOf", () => {
    expect(asIso(deadlineOf(instant(arrival), cal, kind))).toBe(expectedIso(deadline));
  });
});

describe("deadlineOf takes the latest end of opening and contact hours", () => {
  const eveningPhone: UnitCalendar = {
    ...neverOpen,
    phoneHours: { mon: [["08:00", "19:00"]], sat: [["09:00", "12:00"]] },
    openingHours: { mon: [["08:00", "17:00"]] },
  };
  it.each([
    ["phone line open after the unit closes", "phone", "2026-03-30T10:00+02:00", "2026-03-30T19:00+02:00"],
    ["the same unit for a digital contact", "opening", "2026-03-30T10:00+02:00", "2026-03-30T17:00+02:00"],
    ["phone-only Saturday", "phone", "2026-03-28T10:00+01:00", "2026-03-28T12:00+01:00"],
  ] as const)("%s", (_name, kind, arrival, deadline) => {
    expect(asIso(deadlineOf(instant(arrival), eveningPhone, kind))).toBe(expectedIso(deadline));
  });
});

describe("nextOpenMoment", () => {
  it.each([
    [
      "in hours: the instant itself",
      healthCentre,
      "phone",
      "2026-03-25T09:17:30+01:00",
      "2026-03-25T09:17:30+01:00",
    ],
    ["exactly at a start", healthCentre, "phone", "2026-03-25T13:00+01:00", "2026-03-25T13:00+01:00"],
    ["early morning", healthCentre, "phone", "2026-03-25T06:30+01:00", "2026-03-25T08:00+01:00"],
    ["lunch break", healthCentre, "phone", "2026-03-25T12:00+01:00", "2026-03-25T13:00+01:00"],
    ["exactly at the last end", healthCentre, "phone", "2026-03-25T16:30+01:00", "2026-03-26T08:00+01:00"],
    ["Friday evening", healthCentre, "phone", "2026-03-27T18:00+01:00", "2026-03-30T08:00+02:00"],
    ["julafton", healthCentre, "opening", "2026-12-24T09:00+01:00", "2026-12-28T08:00+01:00"],
    ["never open", neverOpen, "phone", "2026-03-25T09:00+01:00", null],
  ] as const)("%s", (_name, cal, kind, at, expected) => {
    expect(asIso(nextOpenMoment(instant(at), cal, kind))).toBe(expectedIso(expected));
  });
});

describe("nextOpenDay", () => {
  it.each([
    ["2026-03-25", true, "2026-03-25"],
    ["2026-03-25", false, "2026-03-26"],
    ["2026-03-28", true, "2026-03-30"],
    ["2026-04-02", false, "2026-04-07"],
    ["2026-12-24", true, "2026-12-28"],
  ])("from %s (includeDate %s) → %s", (from, includeDate, expected) => {
    expect(nextOpenDay(date(from), healthCentre, "phone", { includeDate })?.toString()).toBe(expected);
  });

  it("is null for a unit that is never open", () => {
    expect(nextOpenDay(date("2026-03-25"), neverOpen, "phone", { includeDate: true })).toBeNull();
  });

  // A Monday-only unit closed on every Monday from 2026-03-30; 2027-05-03 is 400 days after 2026-03-29.
  const mondaysOnly = (closedMondays: number): UnitCalendar => ({
    ...neverOpen,
    phoneHours: { mon: [["08:00", "12:00"]] },
    closedDates: Array.from({ length: closedMondays }, (_, k) =>
      date("2026-03-30")
        .add({ days: 7 * k })
        .toString(),
    ),
  });
  it.each([
    [57, "2027-05-03"], // the last closed Monday is 2027-04-26
    [58, null], // 2027-05-03 closed too; the next Monday would be 407 days ahead
  ])("searches at most 400 days ahead (%i Mondays closed → %s)", (closed, expected) => {
    expect(
      nextOpenDay(date("2026-03-29"), mondaysOnly(closed), "phone", { includeDate: false })?.toString() ??
        null,
    ).toBe(expected);
  });
});
