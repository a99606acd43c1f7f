import type { Temporal } from "temporal-polyfill";

export const CHANNELS = ["phone", "digital", "visit", "letter"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Results a phone contact can have (FORMATS.md, vardnav-contacts-v1 `result`). */
export const PHONE_RESULTS = ["answered", "callback", "abandoned", "refused"] as const;
export type PhoneResult = (typeof PHONE_RESULTS)[number];

/** Every other channel has the single result `registered`. */
export const CONTACT_RESULTS = [...PHONE_RESULTS, "registered"] as const;
export type ContactResult = (typeof CONTACT_RESULTS)[number];

/** Licensed professions (legitimerad yrkesutövare): only these count as an assessment under the three-day guarantee. */
export const LICENSED_PROFESSIONS = [
  "lakare",
  "sjukskoterska",
  "distriktsskoterska",
  "barnmorska",
  "fysioterapeut",
  "arbetsterapeut",
  "psykolog",
  "psykoterapeut",
  "dietist",
  "logoped",
  "kurator",
] as const;
export const UNLICENSED_PROFESSIONS = ["underskoterska", "medicinsk_sekreterare", "annan"] as const;
export const PROFESSION_CODES = [...LICENSED_PROFESSIONS, ...UNLICENSED_PROFESSIONS] as const;
export type LicensedProfession = (typeof LICENSED_PROFESSIONS)[number];
export type ProfessionCode = (typeof PROFESSION_CODES)[number];

const licensed: ReadonlySet<string> = new Set(LICENSED_PROFESSIONS);
const professions: ReadonlySet<string> = new Set(PROFESSION_CODES);
const channels: ReadonlySet<string> = new Set(CHANNELS);
const phoneResults: ReadonlySet<string> = new Set(PHONE_RESULTS);

export function isLicensedProfession(code: ProfessionCode): code is LicensedProfession {
  return licensed.has(code);
}
export function isProfessionCode(value: string): value is ProfessionCode {
  return professions.has(value);
}
export function isChannel(value: string): value is Channel {
  return channels.has(value);
}
export function isPhoneResult(value: string): value is PhoneResult {
  return phoneResults.has(value);
}
/** A phone contact has a phone result; every other channel only `registered`. */
export function resultFitsChannel(channel: Channel, result: ContactResult): boolean {
  return channel === "phone" ? isPhoneResult(result) : result === "registered";
}

/**
 * One contact reduced to what the accessibility measures need. The calendar-dependent facts (service
 * day, in phone hours) and `overflowed` are computed before, by whoever knows the unit's hours.
 */
export interface ContactFacts {
  unitHsaId: string;
  channel: Channel;
  result: ContactResult;
  receivedAt: Temporal.Instant;
  /** The Stockholm date of `receivedAt`. */
  receiptDate: Temporal.PlainDate;
  /** DESIGN.md "Service day": the receipt date, or the next open day. */
  serviceDay: Temporal.PlainDate;
  /** Received inside the unit's phone hours on an open day (only read for phone contacts). */
  inPhoneHours: boolean;
  /** Accepted after the day's callback slots were full (false for imported contacts). */
  overflowed: boolean;
  respondedAt: Temporal.Instant | null;
  feedbackAt: Temporal.Instant | null;
  newProblem: boolean;
  assessedAt: Temporal.Instant | null;
  assessedBy: ProfessionCode | null;
  patientChosenWait: boolean;
}
