import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { callbackSlots, type TimeSpan } from "../calendar/index.ts";
import { date, healthCentre, instant, sundayNightLine } from "../calendar/test-fixtures.ts";
import { assignCallbackSlot, promiseText, type SlotAssignment, slotKey } from "./slot-assignment.ts";

// Monday 2026-03-30 (CEST, +02:00): phone 08:00–12:00 and 13:00–16:30 in quarter hours, unit closes 17:00.
const monday = callbackSlots(date("2026-03-30"), healthCentre, 15);
const mondayDeadline = instant("2026-03-30T17:00+02:00");
const taken = (entries: Record<string, number>): Map<string, number> =>
  new Map(Object.entries(entries).map(([local, n]) => [instant(local).toString(), n]));
const allFull = new Map(monday.map((slot) => [slotKey(slot), 2]));

const describeResult = (result: SlotAssignment): string =>
  result.kind === "slot"
    ? `slot ${result.slot.start.toString()}–${result.slot.end.toString()}`
    : `overflow ${result.deadline.toString()}`;
const slotResult = (startLocal: string, endLocal: string): string =>
  `slot ${instant(startLocal).toString()}–${instant(endLocal).toString()}`;

describe("slotKey", () => {
  it("is the slot start as an ISO instant in UTC", () => {
    expect(
      slotKey({ start: instant("2026-03-30T08:00+02:00"), end: instant("2026-03-30T08:15+02:00") }),
    ).toBe("2026-03-30T06:00:00Z");
  });
});

describe("assignCallbackSlot", () => {
  it.each([
    [
      "before hours: the first slot",
      new Map(),
      "2026-03-30T07:00+02:00",
      slotResult("2026-03-30T08:00+02:00", "2026-03-30T08:15+02:00"),
    ],
    [
      "the evening before (service day tomorrow): the first slot",
      new Map(),
      "2026-03-27T18:00+01:00",
      slotResult("2026-03-30T08:00+02:00", "2026-03-30T08:15+02:00"),
    ],
    [
      "the current slot is still usable",
      new Map(),
      "2026-03-30T08:10+02:00",
      slotResult("2026-03-30T08:00+02:00", "2026-03-30T08:15+02:00"),
    ],
    [
      "a slot ending exactly now is over",
      new Map(),
      "2026-03-30T08:15+02:00",
      slotResult("2026-03-30T08:15+02:00", "2026-03-30T08:30+02:00"),
    ],
    [
      "full slots are skipped",
      taken({ "2026-03-30T08:00+02:00": 2, "2026-03-30T08:15+02:00": 2 }),
      "2026-03-30T07:00+02:00",
      slotResult("2026-03-30T08:30+02:00", "2026-03-30T08:45+02:00"),
    ],
    [
      "a slot with room is used",
      taken({ "2026-03-30T08:00+02:00": 2, "2026-03-30T08:15+02:00": 1 }),
      "2026-03-30T07:00+02:00",
      slotResult("2026-03-30T08:15+02:00", "2026-03-30T08:30+02:00"),
    ],
    [
      "lunch break: the first afternoon slot",
      new Map(),
      "2026-03-30T12:30+02:00",
      slotResult("2026-03-30T13:00+02:00", "2026-03-30T13:15+02:00"),
    ],
    [
      "the last slot",
      taken({ "2026-03-30T16:00+02:00": 2 }),
      "2026-03-30T16:05+02:00",
      slotResult("2026-03-30T16:15+02:00", "2026-03-30T16:30+02:00"),
    ],
    [
      "full day → overflow with the closing time",
      allFull,
      "2026-03-30T07:00+02:00",
      "overflow 2026-03-30T15:00:00Z",
    ],
    ["after the last slot → overflow", new Map(), "2026-03-30T16:30+02:00", "overflow 2026-03-30T15:00:00Z"],
  ] as const)("%s", (_name, takenPerSlot, now, expected) => {
    const result = assignCallbackSlot({
      slots: monday,
      takenPerSlot,
      callsPerSlot: 2,
      now: instant(now),
      deadline: mondayDeadline,
    });
    expect(describeResult(result)).toBe(expected);
  });

  it("no capacity at all → overflow", () => {
    const result = assignCallbackSlot({
      slots: monday,
      takenPerSlot: new Map(),
      callsPerSlot: 0,
      now: instant("2026-03-30T07:00+02:00"),
      deadline: mondayDeadline,
    });
    expect(describeResult(result)).toBe("overflow 2026-03-30T15:00:00Z");
  });

  it("takes the earliest slot even when the slots are given out of order", () => {
    const result = assignCallbackSlot({
      slots: [...monday].reverse(),
      takenPerSlot: new Map(),
      callsPerSlot: 1,
      now: instant("2026-03-30T07:00+02:00"),
      deadline: mondayDeadline,
    });
    expect(describeResult(result)).toBe(slotResult("2026-03-30T08:00+02:00", "2026-03-30T08:15+02:00"));
  });

  // Night line phone 01:00–04:00 on the daylight-saving Sundays (see calendar/dst.test.ts).
  it.each([
    // Spring, 45-minute slots: 00:00Z–00:45Z (01:00–01:45 CET) is full; 01:50 CET = 00:50Z.
    [
      "2026-03-29",
      45,
      { "2026-03-29T00:00:00Z": 1 },
      "2026-03-29T00:50:00Z",
      "slot 2026-03-29T00:45:00Z–2026-03-29T01:30:00Z",
      "Vi ringer dig mellan kl 01:45 och 03:30",
    ],
    // Autumn, hour slots: at 02:30 CET (01:30Z) the current slot is 01:00Z–02:00Z, 02:00–03:00 CET.
    [
      "2026-10-25",
      60,
      {},
      "2026-10-25T01:30:00Z",
      "slot 2026-10-25T01:00:00Z–2026-10-25T02:00:00Z",
      "Vi ringer dig mellan kl 02:00 och 03:00",
    ],
    // Autumn, everything in the night window full: the 08:00–16:00 window follows, first slot 08:00 CET = 07:00Z.
    [
      "2026-10-25",
      60,
      {
        "2026-10-24T23:00:00Z": 1,
        "2026-10-25T00:00:00Z": 1,
        "2026-10-25T01:00:00Z": 1,
        "2026-10-25T02:00:00Z": 1,
      },
      "2026-10-24T23:30:00Z",
      "slot 2026-10-25T07:00:00Z–2026-10-25T08:00:00Z",
      "Vi ringer dig mellan kl 08:00 och 09:00",
    ],
  ])("DST day %s, %i-minute slots", (iso, slotMinutes, takenEntries, now, expected, text) => {
    const result = assignCallbackSlot({
      slots: callbackSlots(date(iso), sundayNightLine, slotMinutes),
      takenPerSlot: new Map(Object.entries(takenEntries)),
      callsPerSlot: 1,
      now: instant(now),
      deadline: instant("2026-10-25T17:00:00Z"),
    });
    expect(describeResult(result)).toBe(expected);
    expect(promiseText(result, instant(now))).toBe(text);
  });
});

describe("promiseText", () => {
  const slot: SlotAssignment = {
    kind: "slot",
    slot: { start: instant("2026-03-30T08:15+02:00"), end: instant("2026-03-30T08:30+02:00") },
  };
  const overflow: SlotAssignment = { kind: "overflow", deadline: instant("2026-03-30T16:30+02:00") };
  it.each([
    ["slot, no now", slot, undefined, "Vi ringer dig mellan kl 08:15 och 08:30"],
    ["slot, same day", slot, "2026-03-30T07:59+02:00", "Vi ringer dig mellan kl 08:15 och 08:30"],
    [
      "slot, from Friday evening",
      slot,
      "2026-03-27T18:00+01:00",
      "Vi ringer dig måndag 30 mars mellan kl 08:15 och 08:30",
    ],
    ["overflow, no now", overflow, undefined, "Återkoppling senast kl 16:30"],
    ["overflow, same day", overflow, "2026-03-30T10:00+02:00", "Återkoppling senast kl 16:30"],
    [
      "overflow, from the day before",
      overflow,
      "2026-03-29T23:59+02:00",
      "Återkoppling senast måndag 30 mars kl 16:30",
    ],
  ] as const)("%s", (_name, result, now, expected) => {
    expect(promiseText(result, now === undefined ? undefined : instant(now))).toBe(expected);
  });
});

describe("assignCallbackSlot properties", () => {
  const nowArb = fc
    .integer({
      min: instant("2026-03-30T04:00:00Z").epochMilliseconds,
      max: instant("2026-03-30T16:00:00Z").epochMilliseconds,
    })
    .map((ms) => Temporal.Instant.fromEpochMilliseconds(ms));
  const takenArb = fc
    .array(fc.integer({ min: 0, max: 3 }), { minLength: monday.length, maxLength: monday.length })
    .map((counts) => new Map(monday.map((slot, i) => [slotKey(slot), counts[i] ?? 0])));
  const eligible = (
    slot: TimeSpan,
    now: Temporal.Instant,
    taken: ReadonlyMap<string, number>,
    calls: number,
  ) => Temporal.Instant.compare(slot.end, now) > 0 && (taken.get(slotKey(slot)) ?? 0) < calls;

  it("the assigned slot never ends before now, has room, and no earlier slot qualifies", () => {
    fc.assert(
      fc.property(nowArb, takenArb, fc.integer({ min: 0, max: 3 }), (now, takenPerSlot, callsPerSlot) => {
        const result = assignCallbackSlot({
          slots: monday,
          takenPerSlot,
          callsPerSlot,
          now,
          deadline: mondayDeadline,
        });
        if (result.kind === "overflow") {
          expect(monday.some((slot) => eligible(slot, now, takenPerSlot, callsPerSlot))).toBe(false);
          expect(result.deadline.equals(mondayDeadline)).toBe(true);
          return;
        }
        expect(Temporal.Instant.compare(result.slot.end, now)).toBeGreaterThan(0);
        expect(eligible(result.slot, now, takenPerSlot, callsPerSlot)).toBe(true);
        const earlier = monday.filter((slot) => Temporal.Instant.compare(slot.start, result.slot.start) < 0);
        expect(earlier.some((slot) => eligible(slot, now, takenPerSlot, callsPerSlot))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
