import { Temporal } from "temporal-polyfill";
import { stockholmDate } from "../statistics/counters.ts";
import {
  type Channel,
  type ContactFacts,
  type ContactResult,
  isChannel,
  isPhoneResult,
  isProfessionCode,
  type ProfessionCode,
} from "../statistics/types.ts";
import { parseIsoInstantToEpochMs } from "./iso-instant.ts";

/** One valid row of a vardnav-contacts-v1 file (or a contact built from a phone system's log). */
export interface ContactImportRow {
  contactId: string;
  unitHsaId: string;
  channel: Channel;
  /** Instants as epoch milliseconds: an import reads millions of them, a Temporal object each was the cost. */
  receivedAt: number;
  result: ContactResult;
  respondedAt: number | null;
  feedbackAt: number | null;
  newProblem: boolean;
  assessedAt: number | null;
  assessedBy: ProfessionCode | null;
  patientChosenWait: boolean;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };
export type ContactRowResult = { ok: true; row: ContactImportRow } | { ok: false; reason: string };

/** FORMATS.md "Contact file (CSV, vardnav-contacts-v1)", in the order of its table. */
export const CONTACT_COLUMNS = [
  "contact_id",
  "unit_hsa_id",
  "channel",
  "received_at",
  "result",
  "responded_at",
  "feedback_at",
  "new_problem",
  "assessed_at",
  "assessed_by",
  "patient_chosen_wait",
] as const;
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];

/** Where each required column sits in the file; built once from the header row by `parseContactHeader`. */
export interface ContactHeader {
  index: Readonly<Record<ContactColumn, number>>;
  /** Number of columns in the header; every row must have exactly this many fields. */
  width: number;
}

/**
 * Validates the header row. Columns may come in any order and unknown extra columns are ignored, but every
 * required column must be there exactly once: a file with a wrong header is rejected as a whole, since
 * none of its rows could be read with certainty.
 */
export function parseContactHeader(fields: readonly string[]): ParseResult<ContactHeader> {
  const found = new Map<string, number>();
  const duplicates: string[] = [];
  const required: ReadonlySet<string> = new Set(CONTACT_COLUMNS);
  fields.forEach((raw, position) => {
    const name = raw.trim();
    if (!required.has(name)) return;
    if (found.has(name)) duplicates.push(name);
    else found.set(name, position);
  });
  const missing = CONTACT_COLUMNS.filter((name) => !found.has(name));
  if (missing.length > 0) {
    return {
      ok: false,
      reason:
        `The header is not vardnav-contacts-v1: it lacks the column${missing.length > 1 ? "s" : ""} ` +
        `${missing.join(", ")}.`,
    };
  }
  if (duplicates.length > 0) {
    return { ok: false, reason: `The header names the column ${duplicates[0]} more than once.` };
  }
  return {
    ok: true,
    value: { index: Object.fromEntries(found) as Record<ContactColumn, number>, width: fields.length },
  };
}

/** The value as shown in a reason: quoted, and cut short so one wild field cannot flood the report. */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

// FORMATS.md asks for ISO 8601 with an offset or Z. Accepted: extended format, "T", seconds and fractions
// optional, offset ±HH:MM or Z. Refused: naive times (their instant is ambiguous, worst on DST days),
// bracketed zone annotations and other variants Temporal would also take.
// The accepted shape is parsed by hand (iso-instant.ts, tested against Temporal).
const DATE_TIME_NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

function parseInstant(column: ContactColumn, value: string): ParseResult<number> {
  const parsed = parseIsoInstantToEpochMs(value);
  if (parsed.ok) return { ok: true, value: parsed.epochMs };
  if (parsed.reason === "value") {
    return { ok: false, reason: `${column} ${shown(value)} is not a valid date-time.` };
  }
  if (DATE_TIME_NAIVE.test(value)) {
    return {
      ok: false,
      reason: `${column} ${shown(value)} has no UTC offset; write e.g. 2026-03-02T08:00:00+01:00.`,
    };
  }
  return { ok: false, reason: `${column} ${shown(value)} is not an ISO 8601 date-time with offset or Z.` };
}

function parseOptionalInstant(column: ContactColumn, value: string): ParseResult<number | null> {
  return value === "" ? { ok: true, value: null } : parseInstant(column, value);
}

function parseBoolean(column: ContactColumn, value: string): ParseResult<boolean> {
  if (value === "true") return { ok: true, value: true };
  if (value === "false" || value === "") return { ok: true, value: false };
  return { ok: false, reason: `${column} ${shown(value)} is not true, false or empty.` };
}

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * One data row against FORMATS.md's rules. The first broken rule is the reason, checked in column order,
 * then the rules that relate columns. Values are taken as written: no trimming, case matters.
 */
export function parseContactRow(fields: readonly string[], header: ContactHeader): ContactRowResult {
  if (fields.length !== header.width) {
    return fail(`The row has ${fields.length} fields but the header has ${header.width}.`);
  }
  const get = (column: ContactColumn): string => fields[header.index[column]] ?? "";

  const contactId = get("contact_id");
  if (contactId === "") return fail("contact_id is empty.");
  const unitHsaId = get("unit_hsa_id");
  if (unitHsaId === "") return fail("unit_hsa_id is empty.");

  const channel = get("channel");
  if (!isChannel(channel)) return fail(`channel ${shown(channel)} is not phone, digital, visit or letter.`);

  const received = parseInstant("received_at", get("received_at"));
  if (!received.ok) return received;

  const result = get("result");
  if (channel === "phone") {
    if (!isPhoneResult(result)) {
      return fail(
        `result ${shown(result)} is not a phone result (answered, callback, abandoned or refused).`,
      );
    }
  } else if (result !== "registered") {
    return fail(`result ${shown(result)} does not fit channel ${channel}, whose only result is registered.`);
  }

  const responded = parseOptionalInstant("responded_at", get("responded_at"));
  if (!responded.ok) return responded;
  const feedback = parseOptionalInstant("feedback_at", get("feedback_at"));
  if (!feedback.ok) return feedback;
  const newProblem = parseBoolean("new_problem", get("new_problem"));
  if (!newProblem.ok) return newProblem;
  const assessed = parseOptionalInstant("assessed_at", get("assessed_at"));
  if (!assessed.ok) return assessed;
  const assessedByText = get("assessed_by");
  let assessedBy: ProfessionCode | null = null;
  if (assessedByText !== "") {
    if (!isProfessionCode(assessedByText))
      return fail(`assessed_by ${shown(assessedByText)} is not a profession code.`);
    assessedBy = assessedByText;
  }
  const patientChosenWait = parseBoolean("patient_chosen_wait", get("patient_chosen_wait"));
  if (!patientChosenWait.ok) return patientChosenWait;

  // DESIGN.md: a time before the receipt is a data error; the row is rejected, not counted.
  const times = [
    ["responded_at", responded.value],
    ["feedback_at", feedback.value],
    ["assessed_at", assessed.value],
  ] as const;
  for (const [column, time] of times) {
    if (time !== null && time < received.value) {
      return fail(`${column} is before received_at.`);
    }
  }
  // An assessment counts only by who made it and when: half of it cannot be judged, so it is not guessed.
  if (assessed.value !== null && assessedBy === null)
    return fail("assessed_at is given without assessed_by.");
  if (assessed.value === null && assessedBy !== null)
    return fail("assessed_by is given without assessed_at.");

  return {
    ok: true,
    row: {
      contactId,
      unitHsaId,
      channel,
      receivedAt: received.value,
      result: result as ContactResult,
      respondedAt: responded.value,
      feedbackAt: feedback.value,
      newProblem: newProblem.value,
      assessedAt: assessed.value,
      assessedBy,
      patientChosenWait: patientChosenWait.value,
    },
  };
}

/** What the calendar and the same-day flow know about a contact, beyond what its row says. */
export interface ContactCalendarFacts {
  serviceDay: Temporal.PlainDate;
  inPhoneHours: boolean;
  /** Imported contacts carry no overflow information (FORMATS.md): false unless known. */
  overflowed?: boolean;
}

/** The statistics' view of an imported row, once the calendar has placed it. */
export function contactFactsFromRow(row: ContactImportRow, calendar: ContactCalendarFacts): ContactFacts {
  return {
    unitHsaId: row.unitHsaId,
    channel: row.channel,
    result: row.result,
    receivedAt: instantOf(row.receivedAt),
    receiptDate: stockholmDate(instantOf(row.receivedAt)),
    serviceDay: calendar.serviceDay,
    inPhoneHours: calendar.inPhoneHours,
    overflowed: calendar.overflowed ?? false,
    respondedAt: row.respondedAt === null ? null : instantOf(row.respondedAt),
    feedbackAt: row.feedbackAt === null ? null : instantOf(row.feedbackAt),
    newProblem: row.newProblem,
    assessedAt: row.assessedAt === null ? null : instantOf(row.assessedAt),
    assessedBy: row.assessedBy,
    patientChosenWait: row.patientChosenWait,
  };
}

const instantOf = (epochMs: number) => Temporal.Instant.fromEpochMilliseconds(epochMs);
