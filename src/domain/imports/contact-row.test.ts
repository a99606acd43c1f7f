import { createReadStream } from "node:fs";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  accessibilityFromCounters,
  addCounters,
  contactContributions,
  emptyCounters,
} from "../statistics/index.ts";
import { type ContactFileItem, createContactFileReader } from "./contact-file.ts";
import {
  CONTACT_COLUMNS,
  type ContactColumn,
  type ContactHeader,
  type ContactImportRow,
  contactFactsFromRow,
  parseContactHeader,
  parseContactRow,
} from "./contact-row.ts";

const header = (() => {
  const parsed = parseContactHeader(CONTACT_COLUMNS);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
})();

const valid: Record<ContactColumn, string> = {
  contact_id: "tq-1001",
  unit_hsa_id: "SE2321000000-E0001",
  channel: "phone",
  received_at: "2026-03-02T08:00:41+01:00",
  result: "callback",
  responded_at: "2026-03-02T10:15:00+01:00",
  feedback_at: "2026-03-02T10:19:00+01:00",
  new_problem: "true",
  assessed_at: "2026-03-04T09:30:00+01:00",
  assessed_by: "lakare",
  patient_chosen_wait: "false",
};

const row = (changes: Partial<Record<ContactColumn, string>> = {}): string[] =>
  CONTACT_COLUMNS.map((column) => changes[column] ?? valid[column]);

/** Rows carry instants as epoch milliseconds. */
const instant = (iso: string): number => Temporal.Instant.from(iso).epochMilliseconds;

describe("parseContactHeader", () => {
  it("maps columns in any order and ignores unknown extra columns", () => {
    const parsed = parseContactHeader(["note", ...[...CONTACT_COLUMNS].reverse(), "source_system"]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.width).toBe(13);
    expect(parsed.value.index.patient_chosen_wait).toBe(1);
    expect(parsed.value.index.contact_id).toBe(11);
  });

  it.each<[string, string[], string]>([
    [
      "one missing column",
      CONTACT_COLUMNS.filter((c) => c !== "feedback_at"),
      "The header is not vardnav-contacts-v1: it lacks the column feedback_at.",
    ],
    [
      "a misspelt column",
      CONTACT_COLUMNS.map((c) => (c === "unit_hsa_id" ? "unit_hsaid" : c)),
      "The header is not vardnav-contacts-v1: it lacks the column unit_hsa_id.",
    ],
    [
      "a data row instead of a header",
      row(),
      "The header is not vardnav-contacts-v1: it lacks the columns contact_id, unit_hsa_id, channel, received_at, " +
        "result, responded_at, feedback_at, new_problem, assessed_at, assessed_by, patient_chosen_wait.",
    ],
    [
      "a semicolon-separated file (one field)",
      [CONTACT_COLUMNS.join(";")],
      "The header is not vardnav-contacts-v1: it lacks the columns contact_id, unit_hsa_id, channel, received_at, " +
        "result, responded_at, feedback_at, new_problem, assessed_at, assessed_by, patient_chosen_wait.",
    ],
    [
      "a duplicated column",
      [...CONTACT_COLUMNS, "channel"],
      "The header names the column channel more than once.",
    ],
  ])("rejects %s", (_name, fields, reason) => {
    expect(parseContactHeader(fields)).toEqual({ ok: false, reason });
  });
});

describe("parseContactRow", () => {
  it("reads a valid row", () => {
    expect(parseContactRow(row(), header)).toEqual({
      ok: true,
      row: {
        contactId: "tq-1001",
        unitHsaId: "SE2321000000-E0001",
        channel: "phone",
        receivedAt: instant("2026-03-02T07:00:41Z"),
        result: "callback",
        respondedAt: instant("2026-03-02T09:15:00Z"),
        feedbackAt: instant("2026-03-02T09:19:00Z"),
        newProblem: true,
        assessedAt: instant("2026-03-04T08:30:00Z"),
        assessedBy: "lakare",
        patientChosenWait: false,
      } satisfies ContactImportRow,
    });
  });

  it.each<[string, Partial<Record<ContactColumn, string>>, Partial<ContactImportRow>]>([
    ["Z times", { received_at: "2026-03-02T07:00:41Z" }, { receivedAt: instant("2026-03-02T07:00:41Z") }],
    ["minutes only", { received_at: "2026-03-02T08:00+01:00" }, { receivedAt: instant("2026-03-02T07:00Z") }],
    [
      "fractional seconds",
      { received_at: "2026-03-02T08:00:41.250+01:00" },
      { receivedAt: instant("2026-03-02T07:00:41.25Z") },
    ],
    [
      "a response exactly at receipt",
      { responded_at: "2026-03-02T07:00:41Z" },
      { respondedAt: instant("2026-03-02T07:00:41Z") },
    ],
    [
      "empty booleans are false",
      { new_problem: "", patient_chosen_wait: "" },
      { newProblem: false, patientChosenWait: false },
    ],
    [
      "no response, feedback or assessment",
      { responded_at: "", feedback_at: "", assessed_at: "", assessed_by: "" },
      { respondedAt: null, feedbackAt: null, assessedAt: null, assessedBy: null },
    ],
    [
      "a refused call that carries times (kept; the statistics count it as not answered)",
      { result: "refused" },
      { result: "refused", respondedAt: instant("2026-03-02T10:15:00+01:00") },
    ],
    [
      "digital registered",
      { channel: "digital", result: "registered" },
      { channel: "digital", result: "registered" },
    ],
    ["visit registered", { channel: "visit", result: "registered" }, { channel: "visit" }],
    ["letter registered", { channel: "letter", result: "registered" }, { channel: "letter" }],
    ["a non-licensed assessor", { assessed_by: "underskoterska" }, { assessedBy: "underskoterska" }],
    ["patient-chosen wait", { patient_chosen_wait: "true" }, { patientChosenWait: true }],
  ])("accepts %s", (_name, changes, expected) => {
    const parsed = parseContactRow(row(changes), header);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.row).toMatchObject(expected);
  });

  it.each<[string, Partial<Record<ContactColumn, string>>, string]>([
    ["empty contact id", { contact_id: "" }, "contact_id is empty."],
    ["empty unit", { unit_hsa_id: "" }, "unit_hsa_id is empty."],
    ["unknown channel", { channel: "sms" }, 'channel "sms" is not phone, digital, visit or letter.'],
    ["channel in capitals", { channel: "Phone" }, 'channel "Phone" is not phone, digital, visit or letter.'],
    [
      "naive received_at",
      { received_at: "2026-03-02T08:00:41" },
      'received_at "2026-03-02T08:00:41" has no UTC offset; write e.g. 2026-03-02T08:00:00+01:00.',
    ],
    [
      "naive received_at with a space",
      { received_at: "2026-03-02 08:00" },
      'received_at "2026-03-02 08:00" has no UTC offset; write e.g. 2026-03-02T08:00:00+01:00.',
    ],
    [
      "date only",
      { received_at: "2026-03-02" },
      'received_at "2026-03-02" is not an ISO 8601 date-time with offset or Z.',
    ],
    [
      "Swedish date format",
      { received_at: "2/3/2026 08:00" },
      'received_at "2/3/2026 08:00" is not an ISO 8601 date-time with offset or Z.',
    ],
    [
      "a zone annotation",
      { received_at: "2026-03-02T08:00+01:00[Europe/Stockholm]" },
      'received_at "2026-03-02T08:00+01:00[Europe/Stockholm]" is not an ISO 8601 date-time with offset or Z.',
    ],
    [
      "an impossible date",
      { received_at: "2026-02-30T08:00:00+01:00" },
      'received_at "2026-02-30T08:00:00+01:00" is not a valid date-time.',
    ],
    [
      "an impossible hour",
      { received_at: "2026-03-02T25:00:00+01:00" },
      'received_at "2026-03-02T25:00:00+01:00" is not a valid date-time.',
    ],
    [
      "empty received_at",
      { received_at: "" },
      'received_at "" is not an ISO 8601 date-time with offset or Z.',
    ],
    [
      "unknown result",
      { result: "busy" },
      'result "busy" is not a phone result (answered, callback, abandoned or refused).',
    ],
    [
      "registered on a phone contact",
      { result: "registered" },
      'result "registered" is not a phone result (answered, callback, abandoned or refused).',
    ],
    [
      "a phone result on a digital contact",
      { channel: "digital", result: "answered" },
      'result "answered" does not fit channel digital, whose only result is registered.',
    ],
    [
      "refused on a visit",
      { channel: "visit", result: "refused" },
      'result "refused" does not fit channel visit, whose only result is registered.',
    ],
    [
      "naive responded_at",
      { responded_at: "2026-03-02T10:15:00" },
      'responded_at "2026-03-02T10:15:00" has no UTC offset; write e.g. 2026-03-02T08:00:00+01:00.',
    ],
    [
      "garbage feedback_at",
      { feedback_at: "soon" },
      'feedback_at "soon" is not an ISO 8601 date-time with offset or Z.',
    ],
    ["new_problem yes", { new_problem: "yes" }, 'new_problem "yes" is not true, false or empty.'],
    ["new_problem TRUE", { new_problem: "TRUE" }, 'new_problem "TRUE" is not true, false or empty.'],
    [
      "naive assessed_at",
      { assessed_at: "2026-03-04T09:30" },
      'assessed_at "2026-03-04T09:30" has no UTC offset; write e.g. 2026-03-02T08:00:00+01:00.',
    ],
    ["unknown profession", { assessed_by: "doctor" }, 'assessed_by "doctor" is not a profession code.'],
    [
      "patient_chosen_wait 1",
      { patient_chosen_wait: "1" },
      'patient_chosen_wait "1" is not true, false or empty.',
    ],
    [
      "response before receipt",
      { responded_at: "2026-03-02T08:00:40+01:00" },
      "responded_at is before received_at.",
    ],
    [
      "response before receipt, only visible across offsets",
      { received_at: "2026-03-29T03:30:00+02:00", responded_at: "2026-03-29T02:00:00+01:00" },
      "responded_at is before received_at.",
    ],
    [
      "feedback before receipt",
      { feedback_at: "2026-03-01T23:59:59+01:00" },
      "feedback_at is before received_at.",
    ],
    [
      "assessment before receipt",
      { assessed_at: "2026-03-02T06:00:00Z" },
      "assessed_at is before received_at.",
    ],
    ["assessed_at without assessed_by", { assessed_by: "" }, "assessed_at is given without assessed_by."],
    ["assessed_by without assessed_at", { assessed_at: "" }, "assessed_by is given without assessed_at."],
    [
      "a very long value is cut short in the reason",
      { channel: "x".repeat(100) },
      `channel "${"x".repeat(40)}…" is not phone, digital, visit or letter.`,
    ],
  ])("rejects %s", (_name, changes, reason) => {
    expect(parseContactRow(row(changes), header)).toEqual({ ok: false, reason });
  });

  it.each<[string, string[], string]>([
    ["too few fields", row().slice(0, 10), "The row has 10 fields but the header has 11."],
    ["too many fields", [...row(), "extra"], "The row has 12 fields but the header has 11."],
  ])("rejects %s", (_name, fields, reason) => {
    expect(parseContactRow(fields, header)).toEqual({ ok: false, reason });
  });

  it("reads by header position and ignores extra columns' values", () => {
    const parsed = parseContactHeader(["comment", ...[...CONTACT_COLUMNS].reverse()]);
    if (!parsed.ok) throw new Error(parsed.reason);
    const result = parseContactRow(["anything, at all", ...row().reverse()], parsed.value as ContactHeader);
    expect(result.ok && result.row.contactId).toBe("tq-1001");
  });
});

function readFileItems(text: string, chunkSize: number): ContactFileItem[] {
  const reader = createContactFileReader();
  const items: ContactFileItem[] = [];
  for (let i = 0; i < text.length; i += chunkSize) items.push(...reader.push(text.slice(i, i + chunkSize)));
  items.push(...reader.end());
  return items;
}

const lineOf = (item: ContactFileItem): number | null => ("line" in item ? item.line : null);

describe("createContactFileReader", () => {
  const headerLine = `${CONTACT_COLUMNS.join(",")}\r\n`;
  it("reads rows and rejections with their line numbers, in order", () => {
    const text =
      headerLine +
      `${row().join(",")}\r\n` +
      `${row({ contact_id: "" }).join(",")}\r\n` +
      `"multi\nline id",${row().slice(1).join(",")}\r\n` +
      `${row({ contact_id: 'bad"quote' }).join(",")}\r\n` +
      `${row({ new_problem: "ja" }).join(",")}`;
    const items = readFileItems(text, 7);
    expect(items.map((item) => [item.kind, lineOf(item), "reason" in item ? item.reason : ""])).toEqual([
      ["row", 2, ""],
      ["rejected", 3, "contact_id is empty."],
      ["row", 4, ""],
      ["rejected", 6, "A quote appears inside an unquoted field."],
      ["rejected", 7, 'new_problem "ja" is not true, false or empty.'],
    ]);
  });

  it("rejects the whole file on a wrong header and reads nothing after it", () => {
    const reader = createContactFileReader();
    expect(reader.push(`contact_id,unit_hsa_id\n${row().join(",")}\n`)).toEqual([
      {
        kind: "file-rejected",
        reason:
          "The header is not vardnav-contacts-v1: it lacks the columns channel, received_at, result, responded_at, " +
          "feedback_at, new_problem, assessed_at, assessed_by, patient_chosen_wait.",
      },
    ]);
    expect(reader.push(`${row().join(",")}\n`)).toEqual([]);
    expect(reader.end()).toEqual([]);
  });

  it.each<[string, string, string]>([
    ["an empty file", "", "The file is empty: it has no vardnav-contacts-v1 header."],
    [
      "only a BOM and blank lines",
      "\uFEFF\r\n\r\n",
      "The file is empty: it has no vardnav-contacts-v1 header.",
    ],
    [
      "a broken header row",
      '"contact_id,unit',
      "The header row is not valid CSV: A quoted field is not closed before the end of the file.",
    ],
  ])("rejects %s", (_name, text, reason) => {
    expect(readFileItems(text, 5)).toEqual([{ kind: "file-rejected", reason }]);
  });

  it("accepts a header-only file with no rows", () => {
    expect(readFileItems(headerLine, 3)).toEqual([]);
  });
});

describe("the shared example contacts-v1.csv", () => {
  const path = new URL("../../../../shared/examples/contacts-v1.csv", import.meta.url);

  async function readExample(): Promise<ContactFileItem[]> {
    const reader = createContactFileReader();
    const items: ContactFileItem[] = [];
    // Small chunks so records straddle chunk boundaries, as they would in a large file.
    for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 37 })) {
      items.push(...reader.push(chunk as string));
    }
    items.push(...reader.end());
    return items;
  }

  it("reads 9 rows, none rejected, on lines 2–10", async () => {
    const items = await readExample();
    expect(items.filter((item) => item.kind !== "row")).toEqual([]);
    expect(items.map(lineOf)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const rows = items.flatMap((item) => (item.kind === "row" ? [item.row] : []));
    expect(rows.map((r) => r.contactId)).toEqual([
      "tq-1001",
      "tq-1002",
      "tq-1003",
      "tq-1004",
      "tq-1005",
      "tq-1006",
      "web-2001",
      "web-2002",
      "tq-3001",
    ]);
    expect(new Set(rows.map((r) => r.unitHsaId))).toEqual(
      new Set(["SE2321000000-E0001", "SE2321000000-E0002", "SE5560001230-E0003"]),
    );
    expect(rows.filter((r) => r.channel === "phone")).toHaveLength(7);
    expect(rows.filter((r) => r.result === "refused")).toHaveLength(1);
    expect(rows.filter((r) => r.newProblem)).toHaveLength(5);
    expect(rows.find((r) => r.contactId === "web-2002")?.receivedAt).toEqual(instant("2026-03-29T00:30:00Z"));
  });

  it("gives hand-derived accessibility figures once the calendar facts are supplied", async () => {
    const rows = (await readExample()).flatMap((item) => (item.kind === "row" ? [item.row] : []));
    // Calendar facts as a calendar would give them for phone hours 08:00–16:30 on weekdays (hand-stated
    // here; the calendar module is not used): web-2001 arrives Sunday evening and web-2002 on Sunday
    // 29 March (DST day), both served Monday; tq-3001 calls at 07:45, before phone hours.
    const calendar: Record<string, { serviceDay: string; inPhoneHours: boolean }> = {
      "tq-1001": { serviceDay: "2026-03-02", inPhoneHours: true },
      "tq-1002": { serviceDay: "2026-03-02", inPhoneHours: true },
      "tq-1003": { serviceDay: "2026-03-02", inPhoneHours: true },
      "tq-1004": { serviceDay: "2026-03-02", inPhoneHours: true },
      "tq-1005": { serviceDay: "2026-03-02", inPhoneHours: true },
      "tq-1006": { serviceDay: "2026-03-02", inPhoneHours: true },
      "web-2001": { serviceDay: "2026-03-02", inPhoneHours: false },
      "web-2002": { serviceDay: "2026-03-30", inPhoneHours: false },
      "tq-3001": { serviceDay: "2026-03-30", inPhoneHours: false },
    };
    let march = emptyCounters();
    for (const r of rows) {
      const given = calendar[r.contactId];
      if (given === undefined) throw new Error(r.contactId);
      const c = contactContributions(
        contactFactsFromRow(r, {
          serviceDay: Temporal.PlainDate.from(given.serviceDay),
          inPhoneHours: given.inPhoneHours,
        }),
      );
      march = addCounters(addCounters(march, c.byReceipt), c.byServiceDay);
    }
    // phone: offered = tq-1001, 1002, 1004, 1005, 1006 (1003 refused, 3001 out of hours) = 5; answered the
    //   same day: 1001, 1002, 1006 = 3 (1004 abandoned, 1005 answered on the 3rd) → 0.6.
    // resident: 9 contacts, 1 refused; responded on or before the service day: 1001, 1002, 1006, web-2001,
    //   web-2002, tq-3001 = 6 → 0.6667; feedback the same six → 0.6667.
    // assessment: new problem 1001, 1005, 1006, web-2001, 3001; 1006 is a patient-chosen wait → eligible 4.
    //   1001: lakare 2 days → ≤3; 1005: sjukskoterska 4 days → ≤7 only; web-2001: received Sunday 1 March,
    //   assessed 2 March → 1 day, ≤3; 3001: underskoterska → not assessed. within0 0, within3 2, within7 3.
    expect(accessibilityFromCounters(march)).toEqual({
      phone: { offered: 5, answeredSameDay: 3, rate: 0.6 },
      resident: {
        contacts: 9,
        refused: 1,
        overflowed: 0,
        respondedSameDay: 6,
        rate: 0.6667,
        feedbackSameDay: 6,
        feedbackRate: 0.6667,
      },
      assessment: { eligible: 4, within0: 0, within3: 2, within7: 3, patientChosen: 1, rate: 0.5 },
    });
  });
});
