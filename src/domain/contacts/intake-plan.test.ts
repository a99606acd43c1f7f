import { describe, expect, it } from "vitest";
import { callbackSlots } from "../calendar/index.ts";
import { date, healthCentre, instant, sundayNightLine } from "../calendar/test-fixtures.ts";
import {
  assessmentDeadlineOf,
  type CallbackWindow,
  isAtRisk,
  isMissed,
  normalizeSwedishPhone,
  outcomeTextSv,
  planCallbackSlot,
  residentStateOf,
  scheduleContact,
  slotEndOf,
} from "./intake-plan.ts";
import { promiseText, type SlotAssignment, slotKey } from "./slot-assignment.ts";

const describeResult = (r: SlotAssignment): string =>
  r.kind === "slot" ? `slot ${r.slot.start.toString()}` : `overflow ${r.deadline.toString()}`;

describe("scheduleContact", () => {
  it.each([
    // [name, at, channel, receiptDate, serviceDay, inHours, deadline]
    [
      "web form before opening",
      "2026-03-30T05:00:00Z",
      "digital",
      "2026-03-30",
      "2026-03-30",
      false,
      "2026-03-30T15:00:00Z",
    ],
    [
      "web form in hours",
      "2026-03-30T08:00:00Z",
      "digital",
      "2026-03-30",
      "2026-03-30",
      true,
      "2026-03-30T15:00:00Z",
    ],
    [
      "web form after closing → next day",
      "2026-03-30T15:30:00Z",
      "digital",
      "2026-03-30",
      "2026-03-31",
      false,
      "2026-03-31T15:00:00Z",
    ],
    [
      "phone in the lunch break → same day",
      "2026-03-30T10:30:00Z",
      "phone",
      "2026-03-30",
      "2026-03-30",
      false,
      "2026-03-30T15:00:00Z",
    ],
    [
      "phone after phone hours, before closing → next day",
      "2026-03-30T14:45:00Z",
      "phone",
      "2026-03-30",
      "2026-03-31",
      false,
      "2026-03-31T15:00:00Z",
    ],
    [
      "Friday evening → Monday",
      "2026-03-27T18:00:00Z",
      "digital",
      "2026-03-27",
      "2026-03-30",
      false,
      "2026-03-30T15:00:00Z",
    ],
    [
      "Saturday before the spring change → Monday in CEST",
      "2026-03-28T10:00:00Z",
      "visit",
      "2026-03-28",
      "2026-03-30",
      false,
      "2026-03-30T15:00:00Z",
    ],
    [
      "Friday before the autumn change → Monday in CET",
      "2026-10-23T16:00:00Z",
      "letter",
      "2026-10-23",
      "2026-10-26",
      false,
      "2026-10-26T16:00:00Z",
    ],
    // The DST Sundays with the night line (opening 00:00–18:00 local).
    [
      "spring Sunday night, 01:30 CET",
      "2026-03-29T00:30:00Z",
      "phone",
      "2026-03-29",
      "2026-03-29",
      true,
      "2026-03-29T16:00:00Z",
    ],
    [
      "autumn Sunday, second 02:30 (CET)",
      "2026-10-25T01:30:00Z",
      "phone",
      "2026-10-25",
      "2026-10-25",
      true,
      "2026-10-25T17:00:00Z",
    ],
  ] as const)("%s", (_name, at, channel, receiptDate, serviceDay, inHours, deadline) => {
    const cal = at.startsWith("2026-03-29") || at.startsWith("2026-10-25") ? sundayNightLine : healthCentre;
    const schedule = scheduleContact(instant(at), cal, channel);
    expect(schedule).not.toBeNull();
    expect({
      receiptDate: schedule?.receiptDate.toString(),
      serviceDay: schedule?.serviceDay.toString(),
      inHours: schedule?.inHours,
      deadline: schedule?.deadline.toString(),
    }).toEqual({ receiptDate, serviceDay, inHours, deadline });
  });

  it("is null for a unit that is never open", () => {
    const never = { phoneHours: {}, openingHours: {}, closedDates: [], openDates: [] };
    expect(scheduleContact(instant("2026-03-30T08:00:00Z"), never, "phone")).toBeNull();
  });
});

describe("planCallbackSlot", () => {
  const monday = date("2026-03-30");
  const deadline = instant("2026-03-30T15:00:00Z");
  const allFull = new Map(callbackSlots(monday, healthCentre, 15).map((s) => [slotKey(s), 2]));
  const morningFull = new Map(
    callbackSlots(monday, healthCentre, 15)
      .filter((s) => s.start.epochMilliseconds < instant("2026-03-30T10:00:00Z").epochMilliseconds)
      .map((s) => [slotKey(s), 2]),
  );

  it.each([
    ["any: the earliest slot", "any", new Map(), "2026-03-30T05:00:00Z", "slot 2026-03-30T06:00:00Z"],
    ["morning: the earliest slot", "morning", new Map(), "2026-03-30T05:00:00Z", "slot 2026-03-30T06:00:00Z"],
    [
      "afternoon: the first slot after noon",
      "afternoon",
      new Map(),
      "2026-03-30T05:00:00Z",
      "slot 2026-03-30T11:00:00Z",
    ],
    [
      "morning full: falls back to the afternoon",
      "morning",
      morningFull,
      "2026-03-30T05:00:00Z",
      "slot 2026-03-30T11:00:00Z",
    ],
    [
      "afternoon preferred but over: earliest later slot",
      "afternoon",
      new Map(),
      "2026-03-30T14:40:00Z",
      "overflow 2026-03-30T15:00:00Z",
    ],
    [
      "full day → overflow whatever the preference",
      "morning",
      allFull,
      "2026-03-30T05:00:00Z",
      "overflow 2026-03-30T15:00:00Z",
    ],
  ] as const)("%s", (_name, preferredWindow, takenPerSlot, now, expected) => {
    const result = planCallbackSlot({
      serviceDay: monday,
      cal: healthCentre,
      slotMinutes: 15,
      callsPerSlot: 2,
      takenPerSlot,
      now: instant(now),
      deadline,
      preferredWindow: preferredWindow as CallbackWindow,
    });
    expect(describeResult(result)).toBe(expected);
  });

  // Daylight-saving Sundays: slots are real elapsed minutes, the promise reads local wall time.
  it.each([
    // Spring 2026-03-29, 30-minute slots from 01:00 CET: 00:00Z, 00:30Z, 01:00Z (= 03:00 CEST), …
    [
      "spring, the slot over the gap",
      "2026-03-29",
      30,
      ["2026-03-29T00:00:00Z", "2026-03-29T00:30:00Z"],
      "2026-03-29T00:10:00Z",
      "slot 2026-03-29T01:00:00Z",
      "Vi ringer dig mellan kl 03:00 och 03:30",
    ],
    [
      "spring, night full → day window",
      "2026-03-29",
      60,
      ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"],
      "2026-03-29T00:10:00Z",
      "slot 2026-03-29T06:00:00Z",
      "Vi ringer dig mellan kl 08:00 och 09:00",
    ],
    // Autumn 2026-10-25, 01:00–04:00 local is four real hours: 23:00Z, 00:00Z, 01:00Z, 02:00Z.
    [
      "autumn, the repeated hour first time (CEST)",
      "2026-10-25",
      60,
      ["2026-10-24T23:00:00Z"],
      "2026-10-24T23:30:00Z",
      "slot 2026-10-25T00:00:00Z",
      "Vi ringer dig mellan kl 02:00 och 02:00",
    ],
    [
      "autumn, the repeated hour second time (CET)",
      "2026-10-25",
      60,
      ["2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z"],
      "2026-10-24T23:30:00Z",
      "slot 2026-10-25T01:00:00Z",
      "Vi ringer dig mellan kl 02:00 och 03:00",
    ],
    [
      "autumn, everything full → overflow",
      "2026-10-25",
      240,
      ["2026-10-24T23:00:00Z", "2026-10-25T07:00:00Z", "2026-10-25T11:00:00Z"],
      "2026-10-24T23:30:00Z",
      "overflow 2026-10-25T17:00:00Z",
      "Återkoppling senast kl 18:00",
    ],
  ])("%s", (_name, iso, slotMinutes, full, now, expected, text) => {
    const result = planCallbackSlot({
      serviceDay: date(iso),
      cal: sundayNightLine,
      slotMinutes,
      callsPerSlot: 1,
      takenPerSlot: new Map(full.map((k) => [k, 1])),
      now: instant(now),
      deadline: scheduleContact(instant(now), sundayNightLine, "phone")?.deadline ?? instant(now),
      preferredWindow: "any",
    });
    expect(describeResult(result)).toBe(expected);
    expect(promiseText(result, instant(now))).toBe(text);
  });
});

describe("slotEndOf", () => {
  it.each([
    ["a whole slot", "2026-03-30T06:00:00Z", 15, "2026-03-30T06:15:00Z"],
    ["the last slot cut at the window end (16:30)", "2026-03-30T14:00:00Z", 45, "2026-03-30T14:30:00Z"],
    ["a start off the grid keeps the slot length", "2026-03-30T06:07:00Z", 15, "2026-03-30T06:22:00Z"],
  ])("%s", (_name, start, minutes, end) => {
    // 13:00–16:30 CEST in 45-minute slots: 13:00, 13:45, 14:30, 15:15, then 16:00–16:30 (cut).
    expect(slotEndOf(instant(start), date("2026-03-30"), healthCentre, minutes).toString()).toBe(end);
  });
});

describe("deadline flags", () => {
  const deadline = instant("2026-03-30T15:00:00Z");
  const open = { deadline, respondedAt: null, open: true, missedAt: null };
  it.each([
    ["two hours before: not at risk", open, "2026-03-30T13:00:00Z", false, false],
    ["exactly 60 minutes before: at risk", open, "2026-03-30T14:00:00Z", true, false],
    ["10 minutes before: at risk", open, "2026-03-30T14:50:00Z", true, false],
    ["at the deadline: missed, no longer at risk", open, "2026-03-30T15:00:00Z", false, true],
    [
      "answered: neither",
      { ...open, respondedAt: instant("2026-03-30T14:00:00Z") },
      "2026-03-30T16:00:00Z",
      false,
      false,
    ],
    [
      "closed unanswered before deadline: not at risk",
      { ...open, open: false },
      "2026-03-30T14:50:00Z",
      false,
      false,
    ],
    ["recorded missed by the sweep", { ...open, missedAt: deadline }, "2026-03-30T14:00:00Z", true, true],
  ] as const)("%s", (_name, state, now, atRisk, missed) => {
    expect(isAtRisk(state, instant(now), 60)).toBe(atRisk);
    expect(isMissed(state, instant(now))).toBe(missed);
  });
});

describe("small rules", () => {
  it.each([
    ["070-123 45 67", "+46701234567"],
    ["+46 70 123 45 67", "+46701234567"],
    ["0046701234567", "+46701234567"],
    ["0611-12 34 56", "+46611123456"],
    ["(0611) 123456", "+46611123456"],
    ["+4512345678", null],
    ["12345", null],
    ["00701234567", null],
    ["070-abc", null],
  ])("phone %s → %s", (input, expected) => {
    expect(normalizeSwedishPhone(input)).toBe(expected);
  });

  it.each([
    ["2026-03-30", "2026-04-02"],
    ["2026-12-30", "2027-01-02"],
    ["2028-02-27", "2028-03-01"],
  ])("assessment deadline of %s is %s (three calendar days)", (receipt, expected) => {
    expect(assessmentDeadlineOf(date(receipt)).toString()).toBe(expected);
  });

  it.each([
    [{ open: true, claimed: false, respondedAt: null }, "waiting"],
    [{ open: true, claimed: true, respondedAt: null }, "claimed"],
    [{ open: true, claimed: true, respondedAt: instant("2026-03-30T08:00:00Z") }, "responded"],
    [{ open: false, claimed: false, respondedAt: null }, "closed"],
  ] as const)("resident state %o → %s", (input, expected) => {
    expect(residentStateOf(input)).toBe(expected);
  });

  it("outcome texts are Swedish and name the visit in Stockholm time", () => {
    expect(outcomeTextSv("booked_visit", { visitAt: instant("2026-10-25T09:30:00Z") })).toBe(
      "Du har fått en bokad tid 2026-10-25 kl 10:30.",
    );
    expect(outcomeTextSv("referred_unit", { referredUnitName: "Ramsele sjukstuga" })).toBe(
      "Du har hänvisats till Ramsele sjukstuga.",
    );
    expect(outcomeTextSv("referred_emergency")).toContain("112");
  });
});
