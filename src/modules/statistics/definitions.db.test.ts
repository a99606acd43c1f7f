import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedExampleRegion } from "../../../test/support/app.ts";
import type { TestDatabase } from "../../../test/support/database.ts";
import type { AccessibilityCounters } from "../../domain/statistics/index.ts";
import type { ServiceContext } from "../../lib/context.ts";
import { importContacts } from "./imports.service.ts";
import { rebuildRollups } from "./rollups.repository.ts";
import { accessibilityStatistics } from "./stats.service.ts";

// DESIGN.md "Definitions" end to end: one contact row through the real import (calendar placement by the
// unit's hours, staged merge, rollups by delta) and `stats accessibility` from the rollups. The unit is
// Kramfors (example region): phone Mon–Fri 08:00–12:00 and 13:00–16:30, opening 08:00–17:00; winter time
// +01:00 until Sunday 2026-03-29, summer time +02:00 until Sunday 2026-10-25. The pure rules have their
// own, finer tables in src/domain/statistics/counters.test.ts and src/domain/calendar/hours.test.ts.

let ctx: ServiceContext;
let database: TestDatabase;
beforeAll(async () => {
  ({ ctx, database } = await createTestContext());
  await seedExampleRegion(ctx);
});
afterAll(() => database.close());

const UNIT = "SE2321000000-E0001";
const HEADER =
  "contact_id,unit_hsa_id,channel,received_at,result,responded_at,feedback_at,new_problem,assessed_at,assessed_by,patient_chosen_wait";

interface Case {
  channel?: string;
  received: string;
  result?: string;
  responded?: string;
  newProblem?: boolean;
  assessed?: string;
  assessedBy?: string;
  chosen?: boolean;
}

type Expected = Partial<AccessibilityCounters> & { serviceDay: string };

const cases: [string, Case, Expected][] = [
  // Midnight: 23:59 belongs to the evening's date, 00:00 to the new one.
  [
    "phone 23:59 (closed), answered next morning",
    { received: "2026-03-25T23:59+01:00", responded: "2026-03-26T08:10+01:00" },
    { serviceDay: "2026-03-26", contacts: 1, respondedSameDay: 1 },
  ],
  [
    "phone 00:00 (closed), answered that morning",
    { received: "2026-03-26T00:00+01:00", responded: "2026-03-26T08:10+01:00" },
    { serviceDay: "2026-03-26", contacts: 1, respondedSameDay: 1 },
  ],
  // Phone hours: start inclusive, end exclusive, lunch break outside.
  [
    "phone at 08:00 sharp is in hours",
    { received: "2026-03-25T08:00+01:00", result: "answered", responded: "2026-03-25T08:01+01:00" },
    { serviceDay: "2026-03-25", offered: 1, answeredSameDay: 1, contacts: 1, respondedSameDay: 1 },
  ],
  [
    "phone at 16:29 in hours, called back next day",
    { received: "2026-03-25T16:29+01:00", responded: "2026-03-26T08:20+01:00" },
    { serviceDay: "2026-03-25", offered: 1, contacts: 1 },
  ],
  [
    "phone at 16:30 sharp is after hours: served next day, answered before it",
    { received: "2026-03-25T16:30+01:00", responded: "2026-03-25T16:45+01:00" },
    { serviceDay: "2026-03-26", contacts: 1, respondedSameDay: 1 },
  ],
  [
    "phone in the lunch break is not in hours but served that day",
    { received: "2026-03-25T12:30+01:00", responded: "2026-03-25T13:10+01:00" },
    { serviceDay: "2026-03-25", contacts: 1, respondedSameDay: 1 },
  ],
  [
    "phone 07:45 before hours, answered at 08:05",
    { received: "2026-03-25T07:45+01:00", responded: "2026-03-25T08:05+01:00" },
    { serviceDay: "2026-03-25", contacts: 1, respondedSameDay: 1 },
  ],
  // Daylight saving: 2026-03-29 and 2026-10-25 are Sundays.
  [
    "digital 01:59 on the spring-forward Sunday, answered Monday",
    { channel: "digital", received: "2026-03-29T01:59+01:00", responded: "2026-03-30T09:00+02:00" },
    { serviceDay: "2026-03-30", contacts: 1, respondedSameDay: 1 },
  ],
  [
    "digital 03:00 summer time on the spring-forward Sunday, answered Tuesday",
    { channel: "digital", received: "2026-03-29T03:00+02:00", responded: "2026-03-31T09:00+02:00" },
    { serviceDay: "2026-03-30", contacts: 1 },
  ],
  [
    "digital 02:30 in the repeated autumn hour (second pass), answered Monday",
    { channel: "digital", received: "2026-10-25T02:30+01:00", responded: "2026-10-26T08:30+01:00" },
    { serviceDay: "2026-10-26", contacts: 1, respondedSameDay: 1 },
  ],
  [
    "phone 23:30 summer time on Saturday 24 October is still the 24th",
    { received: "2026-10-24T23:30+02:00", result: "abandoned" },
    { serviceDay: "2026-10-26", contacts: 1 },
  ],
  [
    "phone Monday after autumn change 08:00 winter time, answered",
    { received: "2026-10-26T08:00+01:00", result: "answered", responded: "2026-10-26T08:02+01:00" },
    { serviceDay: "2026-10-26", offered: 1, answeredSameDay: 1, contacts: 1, respondedSameDay: 1 },
  ],
  // Holidays and weekends close the phone line.
  [
    "phone on annandag påsk (Monday holiday), answered Tuesday",
    { received: "2026-04-06T09:00+02:00", responded: "2026-04-07T08:30+02:00" },
    { serviceDay: "2026-04-07", contacts: 1, respondedSameDay: 1 },
  ],
  [
    "phone on a Saturday, refused",
    { received: "2026-03-28T10:00+01:00", result: "refused" },
    { serviceDay: "2026-03-30", contacts: 1, refused: 1 },
  ],
  // Refused and abandoned.
  [
    "refused in hours: never in the SKR rate, unanswered for residents whatever its times say",
    { received: "2026-03-25T09:00+01:00", result: "refused", responded: "2026-03-25T09:05+01:00" },
    { serviceDay: "2026-03-25", contacts: 1, refused: 1 },
  ],
  [
    "abandoned in hours: offered, not answered",
    { received: "2026-03-25T09:00+01:00", result: "abandoned" },
    { serviceDay: "2026-03-25", offered: 1, contacts: 1 },
  ],
  // Three-day assessment: calendar days between Stockholm dates, licensed assessors only.
  [
    "assessed on the receipt date",
    {
      received: "2026-03-25T09:00+01:00",
      responded: "2026-03-25T09:30+01:00",
      newProblem: true,
      assessed: "2026-03-25T15:00+01:00",
      assessedBy: "distriktsskoterska",
    },
    {
      serviceDay: "2026-03-25",
      offered: 1,
      answeredSameDay: 1,
      contacts: 1,
      respondedSameDay: 1,
      eligible: 1,
      within0: 1,
      within3: 1,
      within7: 1,
    },
  ],
  [
    "Friday 16:00 to Monday is 3 days",
    {
      received: "2026-03-27T16:00+01:00",
      responded: "2026-03-27T16:10+01:00",
      newProblem: true,
      assessed: "2026-03-30T10:00+02:00",
      assessedBy: "lakare",
    },
    {
      serviceDay: "2026-03-27",
      offered: 1,
      answeredSameDay: 1,
      contacts: 1,
      respondedSameDay: 1,
      eligible: 1,
      within3: 1,
      within7: 1,
    },
  ],
  [
    "Friday 23:30 to Tuesday is 4 days across the DST change (not 72 hours)",
    {
      channel: "digital",
      received: "2026-03-27T23:30+01:00",
      responded: "2026-03-30T09:00+02:00",
      newProblem: true,
      assessed: "2026-03-31T08:00+02:00",
      assessedBy: "sjukskoterska",
    },
    { serviceDay: "2026-03-30", contacts: 1, respondedSameDay: 1, eligible: 1, within7: 1 },
  ],
  [
    "assessed by an undersköterska does not count",
    {
      received: "2026-03-25T09:00+01:00",
      result: "abandoned",
      newProblem: true,
      assessed: "2026-03-25T10:00+01:00",
      assessedBy: "underskoterska",
    },
    { serviceDay: "2026-03-25", offered: 1, contacts: 1, eligible: 1 },
  ],
  [
    "patient-chosen wait is outside the denominator",
    {
      received: "2026-03-25T09:00+01:00",
      result: "abandoned",
      newProblem: true,
      assessed: "2026-04-03T10:00+02:00",
      assessedBy: "lakare",
      chosen: true,
    },
    { serviceDay: "2026-03-25", offered: 1, contacts: 1, patientChosen: 1 },
  ],
];

let serial = 0;
function csvRow(c: Case): string {
  serial += 1;
  const channel = c.channel ?? "phone";
  const result = c.result ?? (channel === "phone" ? "callback" : "registered");
  return [
    `def-${serial}`,
    UNIT,
    channel,
    c.received,
    result,
    c.responded ?? "",
    c.responded ?? "",
    c.newProblem ? "true" : "false",
    c.assessed ?? "",
    c.assessedBy ?? "",
    c.chosen ? "true" : "false",
  ].join(",");
}

const ZERO: AccessibilityCounters = {
  offered: 0,
  answeredSameDay: 0,
  eligible: 0,
  within0: 0,
  within3: 0,
  within7: 0,
  patientChosen: 0,
  contacts: 0,
  refused: 0,
  overflowed: 0,
  respondedSameDay: 0,
  feedbackSameDay: 0,
};

function countersOf(row: Awaited<ReturnType<typeof accessibilityStatistics>>[number]): AccessibilityCounters {
  return {
    offered: row.phone.offered,
    answeredSameDay: row.phone.answeredSameDay,
    eligible: row.assessment.eligible,
    within0: row.assessment.within0,
    within3: row.assessment.within3,
    within7: row.assessment.within7,
    patientChosen: row.assessment.patientChosen,
    contacts: row.resident.contacts,
    refused: row.resident.refused,
    overflowed: row.resident.overflowed,
    respondedSameDay: row.resident.respondedSameDay,
    feedbackSameDay: row.resident.feedbackSameDay,
  };
}

async function reset() {
  await sql`truncate stats_unit_day, stats_unit_hour, contact_index`.execute(ctx.db);
  await sql`delete from contacts`.execute(ctx.db);
}

describe("definitions through import and stats", () => {
  it.each(cases)("%s", async (_name, given, expected) => {
    await reset();
    const { summary } = await importContacts(ctx, [`${HEADER}\n${csvRow(given)}\n`], {
      format: "vardnav-contacts-v1",
    });
    expect(summary).toEqual({ read: 1, imported: 1, updated: 0, rejected: 0 });
    const { serviceDay, ...counters } = expected;
    // Over the whole year every counter of the contact is in one row.
    const year = await accessibilityStatistics(ctx.db, {
      regionCode: "22",
      from: "2026-01-01",
      to: "2026-12-31",
      by: "year",
      unitHsaId: UNIT,
    });
    expect(year).toHaveLength(2);
    expect(countersOf(year[1] as never)).toEqual({
      ...ZERO,
      ...counters,
      feedbackSameDay: counters.respondedSameDay ?? 0,
    });
    // The resident counters sit on the service day.
    const day = await accessibilityStatistics(ctx.db, {
      regionCode: "22",
      from: serviceDay,
      to: serviceDay,
      by: "day",
      unitHsaId: UNIT,
    });
    expect(day.find((r) => r.unitHsaId === UNIT)?.resident.contacts).toBe(1);
  });

  it("gives the same rollups from a rebuild of all cases together", async () => {
    await reset();
    const rows = cases.map(([, c]) => csvRow(c));
    // Small batches (several in flight one after the other), and the first row again at the end: an
    // update in a later batch of a contact inserted by the first.
    const text = `${HEADER}\n${[...rows, rows[0]].join("\n")}\n`;
    const { summary } = await importContacts(ctx, [text], { format: "vardnav-contacts-v1", batchSize: 4 });
    expect(summary).toEqual({ read: cases.length + 1, imported: cases.length, updated: 1, rejected: 0 });
    const query = { regionCode: "22", from: "2026-01-01", to: "2026-12-31", by: "day" as const };
    const before = await accessibilityStatistics(ctx.db, query);
    await ctx.db.transaction().execute((trx) => rebuildRollups(trx, "22", "2026-01-01", "2026-12-31"));
    expect(await accessibilityStatistics(ctx.db, query)).toEqual(before);
    const total = await accessibilityStatistics(ctx.db, { ...query, by: "year" });
    expect(total[0]?.resident.contacts).toBe(cases.length);
  });
});
