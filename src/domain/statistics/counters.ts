import { Temporal } from "temporal-polyfill";
import { type ContactFacts, isLicensedProfession, resultFitsChannel } from "./types.ts";

const STOCKHOLM = "Europe/Stockholm";

/** The Stockholm calendar date of an instant: every "date" in DESIGN.md's definitions means this. */
export function stockholmDate(instant: Temporal.Instant): Temporal.PlainDate {
  return instant.toZonedDateTimeISO(STOCKHOLM).toPlainDate();
}

/** Counters a contact adds to the day it was received (telephone rate and three-day assessment). */
export interface ReceiptCounters {
  /** SKR denominator: phone, in hours, answered/callback/abandoned. */
  offered: number;
  /** Of `offered`: response on the receipt date. */
  answeredSameDay: number;
  /** Three-day denominator: new problem and not a patient-chosen wait. */
  eligible: number;
  /** Of `eligible`: assessed by licensed staff on the receipt date. */
  within0: number;
  /** Of `eligible`: assessed by licensed staff at most 3 calendar days after the receipt date. */
  within3: number;
  /** Of `eligible`: assessed by licensed staff at most 7 calendar days after the receipt date. */
  within7: number;
  /** New problem with a patient-chosen wait (outside the denominator, reported beside it). */
  patientChosen: number;
}

/** Counters a contact adds to its service day (resident and feedback rates). */
export interface ServiceDayCounters {
  /** Resident denominator: every contact, every channel, refused and overflowed included. */
  contacts: number;
  refused: number;
  overflowed: number;
  /** Of `contacts`: not refused and responded on or before the service day. */
  respondedSameDay: number;
  /** Of `contacts`: not refused and feedback on or before the service day. */
  feedbackSameDay: number;
}

/** One row of the per unit-and-day rollup: what was received that day plus what was served that day. */
export type AccessibilityCounters = ReceiptCounters & ServiceDayCounters;

export interface ContactContributions {
  receiptDate: Temporal.PlainDate;
  byReceipt: ReceiptCounters;
  serviceDay: Temporal.PlainDate;
  byServiceDay: ServiceDayCounters;
}

export function emptyReceiptCounters(): ReceiptCounters {
  return {
    offered: 0,
    answeredSameDay: 0,
    eligible: 0,
    within0: 0,
    within3: 0,
    within7: 0,
    patientChosen: 0,
  };
}

export function emptyServiceDayCounters(): ServiceDayCounters {
  return { contacts: 0, refused: 0, overflowed: 0, respondedSameDay: 0, feedbackSameDay: 0 };
}

export function emptyCounters(): AccessibilityCounters {
  return { ...emptyReceiptCounters(), ...emptyServiceDayCounters() };
}

type CounterRecord<T> = { readonly [K in keyof T]: number };

function combine<T extends CounterRecord<T>>(total: T, delta: Partial<T>, sign: 1 | -1): T {
  const out: Record<string, number> = { ...(total as Record<string, number>) };
  for (const [key, value] of Object.entries(delta as Record<string, number | undefined>)) {
    if (value === undefined) continue;
    const current = out[key];
    if (current === undefined) throw new RangeError(`Unknown counter "${key}".`);
    const next = current + sign * value;
    // A negative count means a contribution was removed that was never added: the rollup is corrupt.
    if (next < 0) throw new RangeError(`Counter "${key}" would become negative (${next}).`);
    out[key] = next;
  }
  return out as T;
}

/**
 * `total + delta`, counter by counter. `delta` may cover only part of `total`'s counters, so a contact's
 * `byReceipt` or `byServiceDay` adds straight into an `AccessibilityCounters` row.
 */
export function addCounters<T extends CounterRecord<T>>(total: T, delta: Partial<T>): T {
  return combine(total, delta, 1);
}

/** `total − delta`; throws if any counter would go below zero. */
export function subtractCounters<T extends CounterRecord<T>>(total: T, delta: Partial<T>): T {
  return combine(total, delta, -1);
}

/**
 * Why these facts cannot be counted, or null. Imports reject such rows already (DESIGN.md: a response,
 * feedback or assessment before the receipt is a data error, not counted); here it guards the rollups.
 */
export function contactFactsProblem(facts: ContactFacts): string | null {
  if (!resultFitsChannel(facts.channel, facts.result)) {
    return `Result ${facts.result} does not fit channel ${facts.channel}.`;
  }
  if (!facts.receiptDate.equals(stockholmDate(facts.receivedAt))) {
    return `receiptDate ${facts.receiptDate} is not the Stockholm date of receivedAt ${facts.receivedAt}.`;
  }
  if (Temporal.PlainDate.compare(facts.serviceDay, facts.receiptDate) < 0) {
    return `serviceDay ${facts.serviceDay} is before receiptDate ${facts.receiptDate}.`;
  }
  const times = [
    ["respondedAt", facts.respondedAt],
    ["feedbackAt", facts.feedbackAt],
    ["assessedAt", facts.assessedAt],
  ] as const;
  for (const [name, time] of times) {
    if (time !== null && Temporal.Instant.compare(time, facts.receivedAt) < 0) {
      return `${name} is before receivedAt.`;
    }
  }
  return null;
}

function onOrBefore(instant: Temporal.Instant | null, date: Temporal.PlainDate): boolean {
  return instant !== null && Temporal.PlainDate.compare(stockholmDate(instant), date) <= 0;
}

const bit = (condition: boolean): number => (condition ? 1 : 0);

/**
 * What one contact adds to the rollups, following DESIGN.md "Definitions" to the letter. Per unit and
 * day, the rollup is the plain sum of these; when a contact changes, subtract its old contributions and
 * add the new ones. Throws a RangeError for facts that `contactFactsProblem` refuses.
 */
export function contactContributions(facts: ContactFacts): ContactContributions {
  const problem = contactFactsProblem(facts);
  if (problem !== null) throw new RangeError(problem);

  const refused = facts.result === "refused";

  // SKR-comparable: phone, in hours, not refused; the response on the receipt date. Responses are never
  // before the receipt (checked above), so "on or before" equals "on".
  const offered = facts.channel === "phone" && facts.inPhoneHours && !refused;
  const answeredSameDay = offered && onOrBefore(facts.respondedAt, facts.receiptDate);

  // Three-day assessment: calendar days between Stockholm dates, not 72 hours, so DST and the hour of
  // arrival do not matter. Only a licensed assessor counts.
  const eligible = facts.newProblem && !facts.patientChosenWait;
  let assessmentDays: number | null = null;
  if (
    eligible &&
    facts.assessedAt !== null &&
    facts.assessedBy !== null &&
    isLicensedProfession(facts.assessedBy)
  ) {
    assessmentDays = facts.receiptDate.until(stockholmDate(facts.assessedAt), { largestUnit: "days" }).days;
  }

  // Resident and feedback: a refusal is never answered, whatever times the row carries. "On or before"
  // because an early-morning or after-hours contact may be answered before its service day.
  const respondedSameDay = !refused && onOrBefore(facts.respondedAt, facts.serviceDay);
  const feedbackSameDay = !refused && onOrBefore(facts.feedbackAt, facts.serviceDay);

  return {
    receiptDate: facts.receiptDate,
    byReceipt: {
      offered: bit(offered),
      answeredSameDay: bit(answeredSameDay),
      eligible: bit(eligible),
      within0: bit(assessmentDays !== null && assessmentDays <= 0),
      within3: bit(assessmentDays !== null && assessmentDays <= 3),
      within7: bit(assessmentDays !== null && assessmentDays <= 7),
      patientChosen: bit(facts.newProblem && facts.patientChosenWait),
    },
    serviceDay: facts.serviceDay,
    byServiceDay: {
      contacts: 1,
      refused: bit(refused),
      overflowed: bit(facts.overflowed),
      respondedSameDay: bit(respondedSameDay),
      feedbackSameDay: bit(feedbackSameDay),
    },
  };
}
