// The value sets of same-day contacts, defined once: the database types, the server's schemas and the
// web app all take them from here.
import { CHANNELS } from "../statistics/types.ts";

export type { Channel } from "../statistics/types.ts";
export { CHANNELS };

/** Where a contact came from: the resident form, the phone system, staff (walk-in, letter), a file. */
export const CONTACT_SOURCES = ["web", "telephony", "staff", "import"] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];

export const CONTACT_STATUSES = ["open", "closed"] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** What staff can record as the outcome of a contact (återkoppling). */
export const FEEDBACK_OUTCOMES = [
  "advice",
  "booked_visit",
  "digital_visit",
  "referred_unit",
  "referred_1177",
  "referred_emergency",
] as const;
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];

/** Every stored outcome: the feedback outcomes and three failed callback attempts. */
export const CONTACT_OUTCOMES = [...FEEDBACK_OUTCOMES, "not_reached"] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const CALLBACK_WINDOWS = ["morning", "afternoon", "any"] as const;
export type CallbackWindow = (typeof CALLBACK_WINDOWS)[number];
