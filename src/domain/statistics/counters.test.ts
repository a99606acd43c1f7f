import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  type AccessibilityCounters,
  addCounters,
  contactContributions,
  contactFactsProblem,
  emptyCounters,
  emptyReceiptCounters,
  emptyServiceDayCounters,
  type ReceiptCounters,
  type ServiceDayCounters,
  stockholmDate,
  subtractCounters,
} from "./counters.ts";
import type { Channel, ContactFacts, ContactResult, ProfessionCode } from "./types.ts";

const instant = (iso: string): Temporal.Instant => Temporal.Instant.from(iso);
const date = (iso: string): Temporal.PlainDate => Temporal.PlainDate.from(iso);

/** A contact described with strings; every time carries its offset so the table can be checked by hand. */
interface Given {
  channel?: Channel;
  result?: ContactResult;
  received: string;
  /** The Stockholm date of `received`, written out by hand (never derived in the test). */
  receiptDate: string;
  /** Defaults to the receipt date. */
  serviceDay?: string;
  inHours?: boolean;
  overflowed?: boolean;
  responded?: string;
  feedback?: string;
  newProblem?: boolean;
  assessed?: string;
  by?: ProfessionCode;
  chosenWait?: boolean;
}

function facts(given: Given): ContactFacts {
  return {
    unitHsaId: "SE2321000000-E0001",
    channel: given.channel ?? "phone",
    result:
      given.result ?? (given.channel === undefined || given.channel === "phone" ? "answered" : "registered"),
    receivedAt: instant(given.received),
    receiptDate: date(given.receiptDate),
    serviceDay: date(given.serviceDay ?? given.receiptDate),
    inPhoneHours: given.inHours ?? true,
    overflowed: given.overflowed ?? false,
    respondedAt: given.responded === undefined ? null : instant(given.responded),
    feedbackAt: given.feedback === undefined ? null : instant(given.feedback),
    newProblem: given.newProblem ?? false,
    assessedAt: given.assessed === undefined ? null : instant(given.assessed),
    assessedBy: given.by ?? null,
    patientChosenWait: given.chosenWait ?? false,
  };
}

type CounterName = keyof AccessibilityCounters;

/** The counters that are 1 (all others 0), split by the date they go to. */
function expected(ones: readonly CounterName[]): {
  byReceipt: ReceiptCounters;
  byServiceDay: ServiceDayCounters;
} {
  const byReceipt = emptyReceiptCounters() as unknown as Record<string, number>;
  const byServiceDay = emptyServiceDayCounters() as unknown as Record<string, number>;
  for (const name of ones) {
    if (name in byReceipt) byReceipt[name] = 1;
    else byServiceDay[name] = 1;
  }
  return {
    byReceipt: byReceipt as unknown as ReceiptCounters,
    byServiceDay: byServiceDay as unknown as ServiceDayCounters,
  };
}

// Every contact adds contacts = 1 to its service day; the lists below always include it.
const telephoneCases: [string, Given, CounterName[]][] = [
  [
    "answered live a minute later",
    { received: "2026-03-02T09:00+01:00", receiptDate: "2026-03-02", responded: "2026-03-02T09:01+01:00" },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "callback the same afternoon, feedback with it",
    {
      result: "callback",
      received: "2026-03-02T09:00+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-02T15:00+01:00",
      feedback: "2026-03-02T15:05+01:00",
    },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay", "feedbackSameDay"],
  ],
  [
    "callback the next morning: neither SKR nor resident",
    {
      result: "callback",
      received: "2026-03-02T15:58+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-03T08:20+01:00",
      feedback: "2026-03-03T08:25+01:00",
    },
    ["offered", "contacts"],
  ],
  [
    "CET: received 23:59, answered 00:00 the next date",
    { received: "2026-03-02T23:59+01:00", receiptDate: "2026-03-02", responded: "2026-03-03T00:00+01:00" },
    ["offered", "contacts"],
  ],
  [
    "CET: received 00:00, answered 23:59 the same date",
    { received: "2026-03-03T00:00+01:00", receiptDate: "2026-03-03", responded: "2026-03-03T23:59+01:00" },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "CEST: received 23:59, answered 00:00 the next date",
    { received: "2026-06-15T23:59+02:00", receiptDate: "2026-06-15", responded: "2026-06-16T00:00+02:00" },
    ["offered", "contacts"],
  ],
  [
    "CEST: received 00:00, answered 23:59 the same date",
    { received: "2026-06-16T00:00+02:00", receiptDate: "2026-06-16", responded: "2026-06-16T23:59+02:00" },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "CET: response 22:59:59Z is 23:59:59 in Stockholm, the same date",
    { received: "2026-03-02T09:00+01:00", receiptDate: "2026-03-02", responded: "2026-03-02T22:59:59Z" },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "CET: response 23:00Z is 00:00 the next Stockholm date",
    { received: "2026-03-02T09:00+01:00", receiptDate: "2026-03-02", responded: "2026-03-02T23:00:00Z" },
    ["offered", "contacts"],
  ],
  [
    "CEST: response 21:59Z is 23:59 in Stockholm, the same date",
    { received: "2026-06-15T09:00+02:00", receiptDate: "2026-06-15", responded: "2026-06-15T21:59:00Z" },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "CEST: response 22:00Z is 00:00 the next Stockholm date",
    { received: "2026-06-15T09:00+02:00", receiptDate: "2026-06-15", responded: "2026-06-15T22:00:00Z" },
    ["offered", "contacts"],
  ],
  [
    "spring DST day: 2026-03-28T23:30Z is 00:30 CET on the 29th, answered 23:59 CEST",
    { received: "2026-03-28T23:30:00Z", receiptDate: "2026-03-29", responded: "2026-03-29T21:59:00Z" },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "spring DST day: answered 2026-03-29T22:00Z = 00:00 CEST on the 30th",
    { received: "2026-03-29T00:30+01:00", receiptDate: "2026-03-29", responded: "2026-03-29T22:00:00Z" },
    ["offered", "contacts"],
  ],
  [
    "spring DST day: received 03:00 CEST (01:00Z, one second after 01:59:59 CET), answered 00:00 CEST next day",
    { received: "2026-03-29T01:00:00Z", receiptDate: "2026-03-29", responded: "2026-03-30T00:00+02:00" },
    ["offered", "contacts"],
  ],
  [
    "autumn DST day: 2026-10-24T22:30Z is 00:30 CEST on the 25th, answered 23:59 CET",
    { received: "2026-10-24T22:30:00Z", receiptDate: "2026-10-25", responded: "2026-10-25T22:59:00Z" },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "autumn DST day: answered 2026-10-25T23:00Z = 00:00 CET on the 26th",
    { received: "2026-10-25T00:30+02:00", receiptDate: "2026-10-25", responded: "2026-10-25T23:00:00Z" },
    ["offered", "contacts"],
  ],
  [
    "autumn DST day: the repeated hour, received 02:30 CET (after 02:30 CEST), answered 02:45 CET",
    { received: "2026-10-25T02:30+01:00", receiptDate: "2026-10-25", responded: "2026-10-25T02:45+01:00" },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "abandoned, never reached",
    { result: "abandoned", received: "2026-03-02T10:00+01:00", receiptDate: "2026-03-02" },
    ["offered", "contacts"],
  ],
  [
    // DESIGN.md: the SKR share is of responses on the receipt date; a reached caller has a response.
    "abandoned, then reached by staff the same day",
    {
      result: "abandoned",
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-02T10:30+01:00",
    },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
  [
    "refused in hours: never in SKR, not answered for residents although it carries times",
    {
      result: "refused",
      received: "2026-03-02T08:02+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-02T08:02+01:00",
      feedback: "2026-03-02T08:02+01:00",
    },
    ["contacts", "refused"],
  ],
  [
    "refused out of hours",
    {
      result: "refused",
      inHours: false,
      received: "2026-03-02T19:00+01:00",
      receiptDate: "2026-03-02",
      serviceDay: "2026-03-03",
    },
    ["contacts", "refused"],
  ],
  [
    "out of hours (before phone hours), answered the same day: resident only",
    {
      inHours: false,
      received: "2026-03-30T07:45+02:00",
      receiptDate: "2026-03-30",
      responded: "2026-03-30T07:46+02:00",
    },
    ["contacts", "respondedSameDay"],
  ],
  [
    "out of hours in the evening, answered the same evening: before its service day counts",
    {
      inHours: false,
      received: "2026-03-02T18:30+01:00",
      receiptDate: "2026-03-02",
      serviceDay: "2026-03-03",
      responded: "2026-03-02T19:00+01:00",
      feedback: "2026-03-02T19:00+01:00",
    },
    ["contacts", "respondedSameDay", "feedbackSameDay"],
  ],
  [
    "out of hours on Friday evening, answered Monday (its service day)",
    {
      inHours: false,
      result: "callback",
      received: "2026-03-27T17:00+01:00",
      receiptDate: "2026-03-27",
      serviceDay: "2026-03-30",
      responded: "2026-03-30T08:10+02:00",
    },
    ["contacts", "respondedSameDay"],
  ],
  [
    "out of hours on Friday evening, answered Tuesday: the day after its service day",
    {
      inHours: false,
      result: "callback",
      received: "2026-03-27T17:00+01:00",
      receiptDate: "2026-03-27",
      serviceDay: "2026-03-30",
      responded: "2026-03-31T08:10+02:00",
    },
    ["contacts"],
  ],
  [
    "response the same day, feedback the day after",
    {
      result: "callback",
      received: "2026-03-02T09:00+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-02T11:00+01:00",
      feedback: "2026-03-03T09:00+01:00",
    },
    ["offered", "answeredSameDay", "contacts", "respondedSameDay"],
  ],
];

const otherChannelCases: [string, Given, CounterName[]][] = [
  [
    "digital on Sunday evening, answered on Monday, its service day",
    {
      channel: "digital",
      received: "2026-03-01T21:14+01:00",
      receiptDate: "2026-03-01",
      serviceDay: "2026-03-02",
      responded: "2026-03-02T09:05+01:00",
      feedback: "2026-03-02T09:05+01:00",
    },
    ["contacts", "respondedSameDay", "feedbackSameDay"],
  ],
  [
    "digital at 01:30 CET on the spring DST day, answered Monday 08:40 CEST",
    {
      channel: "digital",
      received: "2026-03-29T01:30+01:00",
      receiptDate: "2026-03-29",
      serviceDay: "2026-03-30",
      responded: "2026-03-30T08:40+02:00",
    },
    ["contacts", "respondedSameDay"],
  ],
  [
    "digital answered the day after its service day",
    {
      channel: "digital",
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-03T10:00+01:00",
    },
    ["contacts"],
  ],
  [
    "a visit's in-hours flag never makes it a phone contact",
    { channel: "visit", inHours: true, received: "2026-03-02T10:00+01:00", receiptDate: "2026-03-02" },
    ["contacts"],
  ],
  [
    "overflowed digital contact answered on its service day",
    {
      channel: "digital",
      overflowed: true,
      received: "2026-03-02T15:00+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-02T16:45+01:00",
    },
    ["contacts", "overflowed", "respondedSameDay"],
  ],
  [
    "overflowed phone callback answered the next day",
    {
      result: "callback",
      overflowed: true,
      received: "2026-03-02T15:00+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-03T08:00+01:00",
    },
    ["offered", "contacts", "overflowed"],
  ],
  [
    "a letter with no response at all",
    { channel: "letter", received: "2026-03-02T10:00+01:00", receiptDate: "2026-03-02" },
    ["contacts"],
  ],
];

// Contacts here are answered the next day and out of hours, so only the assessment counters and contacts move.
const assessment = (given: Omit<Given, "inHours">): Given => ({ ...given, inHours: false });
const assessmentCases: [string, Given, CounterName[]][] = [
  [
    "licensed, the same date",
    assessment({
      newProblem: true,
      received: "2026-03-02T08:00+01:00",
      receiptDate: "2026-03-02",
      assessed: "2026-03-02T23:59+01:00",
      by: "lakare",
    }),
    ["eligible", "within0", "within3", "within7", "contacts"],
  ],
  [
    "received 23:59, assessed 00:00: one calendar day though one minute",
    assessment({
      newProblem: true,
      received: "2026-03-02T23:59+01:00",
      receiptDate: "2026-03-02",
      serviceDay: "2026-03-03",
      assessed: "2026-03-03T00:00+01:00",
      by: "sjukskoterska",
    }),
    ["eligible", "within3", "within7", "contacts"],
  ],
  [
    "exactly 3 days across a month end (Jan 28 → Jan 31 → day 4 is Feb 1)",
    assessment({
      newProblem: true,
      received: "2026-01-28T10:00+01:00",
      receiptDate: "2026-01-28",
      assessed: "2026-01-31T16:00+01:00",
      by: "lakare",
    }),
    ["eligible", "within3", "within7", "contacts"],
  ],
  [
    "4 days across a month end",
    assessment({
      newProblem: true,
      received: "2026-01-28T10:00+01:00",
      receiptDate: "2026-01-28",
      assessed: "2026-02-01T08:00+01:00",
      by: "lakare",
    }),
    ["eligible", "within7", "contacts"],
  ],
  [
    "3 days across a February end (Feb 26 → Mar 1)",
    assessment({
      newProblem: true,
      received: "2026-02-26T10:00+01:00",
      receiptDate: "2026-02-26",
      assessed: "2026-03-01T10:00+01:00",
      by: "distriktsskoterska",
    }),
    ["eligible", "within3", "within7", "contacts"],
  ],
  [
    "3 calendar days across spring DST though 94 hours 50 minutes",
    assessment({
      newProblem: true,
      received: "2026-03-27T00:05+01:00",
      receiptDate: "2026-03-27",
      assessed: "2026-03-30T23:55+02:00",
      by: "lakare",
    }),
    ["eligible", "within3", "within7", "contacts"],
  ],
  [
    "4 calendar days across spring DST though exactly 72 hours",
    assessment({
      newProblem: true,
      received: "2026-03-26T23:30+01:00",
      receiptDate: "2026-03-26",
      serviceDay: "2026-03-27",
      assessed: "2026-03-30T00:30+02:00",
      by: "lakare",
    }),
    ["eligible", "within7", "contacts"],
  ],
  [
    "3 calendar days across autumn DST though 96 hours",
    assessment({
      newProblem: true,
      received: "2026-10-22T00:30+02:00",
      receiptDate: "2026-10-22",
      assessed: "2026-10-25T23:30+01:00",
      by: "fysioterapeut",
    }),
    ["eligible", "within3", "within7", "contacts"],
  ],
  [
    "4 calendar days across autumn DST though 74 hours",
    assessment({
      newProblem: true,
      received: "2026-10-22T23:30+02:00",
      receiptDate: "2026-10-22",
      serviceDay: "2026-10-23",
      assessed: "2026-10-26T00:30+01:00",
      by: "lakare",
    }),
    ["eligible", "within7", "contacts"],
  ],
  [
    "assessment written in UTC: 2026-10-25T23:30Z is Oct 26 in Stockholm, 4 days",
    assessment({
      newProblem: true,
      received: "2026-10-22T10:00+02:00",
      receiptDate: "2026-10-22",
      assessed: "2026-10-25T23:30:00Z",
      by: "lakare",
    }),
    ["eligible", "within7", "contacts"],
  ],
  [
    "7 days",
    assessment({
      newProblem: true,
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      assessed: "2026-03-09T10:00+01:00",
      by: "psykolog",
    }),
    ["eligible", "within7", "contacts"],
  ],
  [
    "8 days",
    assessment({
      newProblem: true,
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      assessed: "2026-03-10T10:00+01:00",
      by: "psykolog",
    }),
    ["eligible", "contacts"],
  ],
  [
    "underskoterska the same minute: not licensed, not assessed",
    assessment({
      newProblem: true,
      received: "2026-03-30T07:45+02:00",
      receiptDate: "2026-03-30",
      assessed: "2026-03-30T07:50+02:00",
      by: "underskoterska",
    }),
    ["eligible", "contacts"],
  ],
  [
    "medicinsk_sekreterare: not licensed",
    assessment({
      newProblem: true,
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      assessed: "2026-03-02T11:00+01:00",
      by: "medicinsk_sekreterare",
    }),
    ["eligible", "contacts"],
  ],
  [
    "annan: not licensed",
    assessment({
      newProblem: true,
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      assessed: "2026-03-02T11:00+01:00",
      by: "annan",
    }),
    ["eligible", "contacts"],
  ],
  [
    "new problem never assessed",
    assessment({ newProblem: true, received: "2026-03-02T10:00+01:00", receiptDate: "2026-03-02" }),
    ["eligible", "contacts"],
  ],
  [
    "patient-chosen wait: outside the denominator, counted beside it",
    assessment({
      newProblem: true,
      chosenWait: true,
      received: "2026-03-02T12:30+01:00",
      receiptDate: "2026-03-02",
      assessed: "2026-03-09T10:00+01:00",
      by: "lakare",
    }),
    ["patientChosen", "contacts"],
  ],
  [
    "patient-chosen wait on a contact that is no new problem counts nowhere",
    assessment({ chosenWait: true, received: "2026-03-02T12:30+01:00", receiptDate: "2026-03-02" }),
    ["contacts"],
  ],
  [
    "assessed but no new problem: outside the measure",
    assessment({
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      assessed: "2026-03-02T11:00+01:00",
      by: "lakare",
    }),
    ["contacts"],
  ],
  [
    "a refused call flagged as new problem is still eligible (receipt date decides, not the result)",
    assessment({
      result: "refused",
      newProblem: true,
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
    }),
    ["eligible", "contacts", "refused"],
  ],
  [
    "digital contact assessed by a licensed kurator 2 days later",
    {
      channel: "digital",
      newProblem: true,
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      assessed: "2026-03-04T10:00+01:00",
      by: "kurator",
    },
    ["eligible", "within3", "within7", "contacts"],
  ],
];

describe("contactContributions", () => {
  it.each([...telephoneCases, ...otherChannelCases, ...assessmentCases])("%s", (_name, given, ones) => {
    const result = contactContributions(facts(given));
    expect({ byReceipt: result.byReceipt, byServiceDay: result.byServiceDay }).toEqual(expected(ones));
    expect(result.receiptDate.toString()).toBe(given.receiptDate);
    expect(result.serviceDay.toString()).toBe(given.serviceDay ?? given.receiptDate);
  });

  it.each([
    [
      "receipt date that is the UTC date, not the Stockholm date",
      { received: "2026-03-28T23:30:00Z", receiptDate: "2026-03-28" },
      "receiptDate 2026-03-28 is not the Stockholm date of receivedAt 2026-03-28T23:30:00Z.",
    ],
    [
      "service day before the receipt date",
      { received: "2026-03-02T10:00+01:00", receiptDate: "2026-03-02", serviceDay: "2026-03-01" },
      "serviceDay 2026-03-01 is before receiptDate 2026-03-02.",
    ],
    [
      "response before receipt",
      { received: "2026-03-02T10:00+01:00", receiptDate: "2026-03-02", responded: "2026-03-02T09:59+01:00" },
      "respondedAt is before receivedAt.",
    ],
    [
      "feedback before receipt",
      { received: "2026-03-02T10:00+01:00", receiptDate: "2026-03-02", feedback: "2026-03-02T08:59:59Z" },
      "feedbackAt is before receivedAt.",
    ],
    [
      "assessment before receipt",
      {
        received: "2026-03-02T10:00+01:00",
        receiptDate: "2026-03-02",
        assessed: "2026-03-01T10:00+01:00",
        by: "lakare",
      },
      "assessedAt is before receivedAt.",
    ],
    [
      "registered phone contact",
      { result: "registered", received: "2026-03-02T10:00+01:00", receiptDate: "2026-03-02" },
      "Result registered does not fit channel phone.",
    ],
    [
      "refused digital contact",
      {
        channel: "digital",
        result: "refused",
        received: "2026-03-02T10:00+01:00",
        receiptDate: "2026-03-02",
      },
      "Result refused does not fit channel digital.",
    ],
  ] satisfies [string, Given, string][])("refuses %s", (_name, given, problem) => {
    expect(contactFactsProblem(facts(given))).toBe(problem);
    expect(() => contactContributions(facts(given))).toThrow(problem);
  });

  it("response at the very receipt instant is fine", () => {
    const given = {
      received: "2026-03-02T10:00+01:00",
      receiptDate: "2026-03-02",
      responded: "2026-03-02T09:00Z",
    };
    expect(contactFactsProblem(facts(given))).toBeNull();
  });
});

describe("stockholmDate", () => {
  it.each([
    ["2026-03-02T22:59:59Z", "2026-03-02"],
    ["2026-03-02T23:00:00Z", "2026-03-03"],
    ["2026-03-28T23:00:00Z", "2026-03-29"],
    ["2026-03-29T21:59:59Z", "2026-03-29"],
    ["2026-03-29T22:00:00Z", "2026-03-30"],
    ["2026-10-24T21:59:59Z", "2026-10-24"],
    ["2026-10-24T22:00:00Z", "2026-10-25"],
    ["2026-10-25T22:59:59Z", "2026-10-25"],
    ["2026-10-25T23:00:00Z", "2026-10-26"],
  ])("%s is %s in Stockholm", (utc, local) => {
    expect(stockholmDate(instant(utc)).toString()).toBe(local);
  });
});

describe("addCounters / subtractCounters", () => {
  it("adds a part into a whole row and subtracts it again", () => {
    const row = addCounters(emptyCounters(), { offered: 1, answeredSameDay: 1 });
    const both = addCounters(row, { contacts: 2, refused: 1 });
    expect(both).toEqual({ ...emptyCounters(), offered: 1, answeredSameDay: 1, contacts: 2, refused: 1 });
    expect(subtractCounters(both, { contacts: 2, refused: 1 })).toEqual(row);
  });

  it("does not mutate its arguments", () => {
    const row = emptyCounters();
    addCounters(row, { contacts: 1 });
    expect(row).toEqual(emptyCounters());
  });

  it("refuses to go negative or to add an unknown counter", () => {
    expect(() => subtractCounters(emptyCounters(), { contacts: 1 })).toThrow(/negative/);
    expect(() => addCounters(emptyReceiptCounters(), { contacts: 1 } as Partial<ReceiptCounters>)).toThrow(
      /Unknown counter "contacts"/,
    );
  });
});

// Random but valid facts: any instant of 2025–2027, service day 0–3 days on, times 0–10 days after receipt.
const arbitraryFacts: fc.Arbitrary<ContactFacts> = fc
  .record({
    receivedSeconds: fc.integer({ min: 1_735_689_600, max: 1_830_297_600 }),
    channel: fc.constantFrom<Channel>("phone", "digital", "visit", "letter"),
    phoneResult: fc.constantFrom<ContactResult>("answered", "callback", "abandoned", "refused"),
    serviceDelay: fc.integer({ min: 0, max: 3 }),
    inPhoneHours: fc.boolean(),
    overflowed: fc.boolean(),
    responded: fc.option(fc.integer({ min: 0, max: 864_000 })),
    feedback: fc.option(fc.integer({ min: 0, max: 864_000 })),
    newProblem: fc.boolean(),
    assessed: fc.option(fc.integer({ min: 0, max: 864_000 })),
    assessedBy: fc.constantFrom<ProfessionCode>("lakare", "sjukskoterska", "underskoterska", "annan"),
    patientChosenWait: fc.boolean(),
  })
  .map((r) => {
    const receivedAt = Temporal.Instant.fromEpochMilliseconds(r.receivedSeconds * 1000);
    const after = (seconds: number | null): Temporal.Instant | null =>
      seconds === null ? null : receivedAt.add({ seconds });
    const receiptDate = stockholmDate(receivedAt);
    return {
      unitHsaId: "SE2321000000-E0001",
      channel: r.channel,
      result: r.channel === "phone" ? r.phoneResult : "registered",
      receivedAt,
      receiptDate,
      serviceDay: receiptDate.add({ days: r.serviceDelay }),
      inPhoneHours: r.inPhoneHours,
      overflowed: r.overflowed,
      respondedAt: after(r.responded),
      feedbackAt: after(r.feedback),
      newProblem: r.newProblem,
      assessedAt: after(r.assessed),
      assessedBy: r.assessed === null ? null : r.assessedBy,
      patientChosenWait: r.patientChosenWait,
    };
  });

describe("contactContributions properties", () => {
  it("every count is 0 or 1 and every numerator stays within its denominator", () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const { byReceipt: r, byServiceDay: s } = contactContributions(f);
        for (const value of [...Object.values(r), ...Object.values(s)]) expect([0, 1]).toContain(value);
        expect(r.answeredSameDay).toBeLessThanOrEqual(r.offered);
        expect(r.within0).toBeLessThanOrEqual(r.within3);
        expect(r.within3).toBeLessThanOrEqual(r.within7);
        expect(r.within7).toBeLessThanOrEqual(r.eligible);
        expect(r.eligible + r.patientChosen).toBeLessThanOrEqual(1);
        expect(s.contacts).toBe(1);
        expect(s.respondedSameDay + s.refused).toBeLessThanOrEqual(1);
        expect(s.feedbackSameDay + s.refused).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("a rollup maintained by adding and subtracting equals a recompute of the remaining contacts", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbitraryFacts, fc.boolean()), { maxLength: 40 }), (contacts) => {
        const rollup = new Map<string, AccessibilityCounters>();
        const apply = (f: ContactFacts, change: typeof addCounters): void => {
          const c = contactContributions(f);
          for (const [day, delta] of [
            [c.receiptDate, c.byReceipt],
            [c.serviceDay, c.byServiceDay],
          ] as const) {
            const key = `${f.unitHsaId} ${day}`;
            rollup.set(key, change(rollup.get(key) ?? emptyCounters(), delta));
          }
        };
        for (const [f] of contacts) apply(f, addCounters);
        for (const [f, removed] of contacts) if (removed) apply(f, subtractCounters);

        const recompute = new Map<string, AccessibilityCounters>();
        for (const [f, removed] of contacts) {
          if (removed) continue;
          const c = contactContributions(f);
          for (const [day, delta] of [
            [c.receiptDate, c.byReceipt],
            [c.serviceDay, c.byServiceDay],
          ] as const) {
            const key = `${f.unitHsaId} ${day}`;
            recompute.set(key, addCounters(recompute.get(key) ?? emptyCounters(), delta));
          }
        }
        for (const [key, counters] of rollup) expect(counters).toEqual(recompute.get(key) ?? emptyCounters());
        for (const key of recompute.keys()) expect(rollup.has(key)).toBe(true);
      }),
    );
  });
});
